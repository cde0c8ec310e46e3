namespace AutoLR.Algorithms

/// One hyper-parameter of `BaselineParameters` as a setting: its configuration name, what it means, the values it
/// accepts and how to read and write it. The host builds its settings, help and validation from
/// `ScheduleParameters.all`, so a new hyper-parameter is declared here once.
type ScheduleParameter =
    { /// Configuration name (PascalCase), e.g. StepGamma; the switch is its kebab case (--step-gamma).
      Name: string
      /// What it is and where it comes from, for help.
      Description: string
      /// Whole numbers only.
      Integer: bool
      /// Smallest accepted value; excluded when `MinimumExcluded`.
      Minimum: float
      MinimumExcluded: bool
      /// Largest accepted value (inclusive); infinity for none.
      Maximum: float
      Get: BaselineParameters -> float
      Set: float -> BaselineParameters -> BaselineParameters }

module ScheduleParameter =
    /// Whether `value` lies in the parameter's range (and is whole, for an integer parameter).
    let accepts (parameter: ScheduleParameter) (value: float) : bool =
        System.Double.IsFinite value
        && (if parameter.MinimumExcluded then value > parameter.Minimum else value >= parameter.Minimum)
        && value <= parameter.Maximum
        && (not parameter.Integer || value = floor value)

    /// The range as help shows it: "in (0, 1]", "> 0", "an integer in 1..10000", "≥ 1".
    let rangeText (parameter: ScheduleParameter) : string =
        let show (x: float) = x.ToString(System.Globalization.CultureInfo.InvariantCulture)
        let lower = if parameter.MinimumExcluded then "> " else "≥ "
        match parameter.Integer, System.Double.IsPositiveInfinity parameter.Maximum with
        | true, false -> sprintf "an integer in %s..%s" (show parameter.Minimum) (show parameter.Maximum)
        | true, true -> sprintf "an integer %s%s" lower (show parameter.Minimum)
        | false, true -> sprintf "a number %s%s" lower (show parameter.Minimum)
        | false, false ->
            sprintf "a number in %s%s, %s]" (if parameter.MinimumExcluded then "(" else "[") (show parameter.Minimum) (show parameter.Maximum)
