namespace AutoLR.Algorithms

open System

/// What is wrong with a rule's output before the controller uses it. The catalogue's rules are proven by their
/// properties; a rule from a user's rule file (`UserRuleSet`) is not, and a wrong length, a NaN or a negative LR would
/// otherwise train on silently or fail far from its cause.
module RuleOutputCheck =
    /// None when `values` has one finite, positive value per block; else what is wrong, as the end of a sentence.
    let perBlock (what: string) (blocks: int) (values: float[] | null) : string option =
        match values with
        | null -> Some $"it returned no {what} (null) for {blocks} blocks"
        | values when values.Length <> blocks -> Some $"it returned {values.Length} {what} for {blocks} blocks"
        | values ->
            values
            |> Array.tryFindIndex (fun x -> not (Double.IsFinite x) || x <= 0.0)
            |> Option.map (fun k -> $"its {what} of block {k + 1} is {values[k]}; each must be finite and positive")

    /// Learning rates η'_1..η'_K: K of them, each finite and positive (eq. 16 never makes a zero or negative LR).
    let learningRates (blocks: int) (lrs: float[] | null) : string option = perBlock "learning rates" blocks lrs

    /// Targets target_1..target_K: K of them, each finite and positive (eqs. 11–13 keep them above a floor).
    let targets (blocks: int) (targets: float[] | null) : string option = perBlock "targets" blocks targets
