namespace AutoLR.Algorithms

open System
open System.Globalization

/// The values a numeric setting accepts: finite, from `Minimum` (excluded when `MinimumExcluded`) to `Maximum`
/// (excluded when `MaximumExcluded`; +∞ for no upper end), whole when `Integer`.
type SettingRange =
    { Minimum: float
      MinimumExcluded: bool
      Maximum: float
      MaximumExcluded: bool
      Integer: bool }

    /// Numbers > minimum.
    static member Above(minimum: float) =
        { Minimum = minimum; MinimumExcluded = true; Maximum = infinity; MaximumExcluded = false; Integer = false }

    /// Numbers ≥ minimum.
    static member AtLeast(minimum: float) =
        { Minimum = minimum; MinimumExcluded = false; Maximum = infinity; MaximumExcluded = false; Integer = false }

    /// Numbers in (minimum, maximum] — a share, a probability, a factor that only shrinks.
    static member AboveUpTo(minimum: float, maximum: float) =
        { SettingRange.Above minimum with Maximum = maximum }

    /// Numbers in [minimum, maximum).
    static member FromBelow(minimum: float, maximum: float) =
        { SettingRange.AtLeast minimum with Maximum = maximum; MaximumExcluded = true }

    /// Numbers in (minimum, maximum).
    static member Between(minimum: float, maximum: float) =
        { SettingRange.Above minimum with Maximum = maximum; MaximumExcluded = true }

    /// Whole numbers in minimum..maximum.
    static member Integers(minimum: int, maximum: int) =
        { Minimum = float minimum; MinimumExcluded = false; Maximum = float maximum; MaximumExcluded = false; Integer = true }

    /// Whole numbers ≥ minimum.
    static member IntegersFrom(minimum: int) =
        { Minimum = float minimum; MinimumExcluded = false; Maximum = infinity; MaximumExcluded = false; Integer = true }

module SettingRange =
    /// Whether `value` lies in the range (and is whole, for an integer range).
    let accepts (range: SettingRange) (value: float) : bool =
        Double.IsFinite value
        && (if range.MinimumExcluded then value > range.Minimum else value >= range.Minimum)
        && (if range.MaximumExcluded then value < range.Maximum else value <= range.Maximum)
        && (not range.Integer || value = floor value)

    /// The range as help and messages state it: "a number in (0, 1]", "a number > 0", "an integer in 1..10000",
    /// "an integer ≥ 0".
    let text (range: SettingRange) : string =
        let show (x: float) = x.ToString(CultureInfo.InvariantCulture)
        let lower = if range.MinimumExcluded then "> " else "≥ "
        match range.Integer, Double.IsPositiveInfinity range.Maximum with
        | true, false -> sprintf "an integer in %s..%s" (show range.Minimum) (show range.Maximum)
        | true, true -> sprintf "an integer %s%s" lower (show range.Minimum)
        | false, true -> sprintf "a number %s%s" lower (show range.Minimum)
        | false, false ->
            sprintf "a number in %s%s, %s%s" (if range.MinimumExcluded then "(" else "[") (show range.Minimum)
                (show range.Maximum) (if range.MaximumExcluded then ")" else "]")
