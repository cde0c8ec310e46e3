namespace AutoLR.Algorithms

/// A rule as users choose it: the name the command line, help, validation and config.json use, a one-line description
/// for help and messages, and the rule itself.
type NamedRule<'Rule> = { Name: string; Description: string; Rule: 'Rule }

/// Every rule a user can choose by name, registered once here (timm-style, shared/STYLE.md): the host's settings,
/// `--help` and validation read their choices from these lists. The first entry of each list is the paper's rule.
/// A new rule is its own file plus one line here.
module RuleCatalog =
    /// Initial-target rules (eqs. 10–11 and alternatives), chosen with `--target-rule`.
    let initialTargets : NamedRule<InitialTargetRule> list =
        [
            { Name = "linear"; Description = "constant step from α·min v to β·max v (eqs. 10–11, the paper)"; Rule = InitialTargets.initialTargets }
            { Name = "geometric"; Description = "constant ratio from α·min v to β·max v (same ends as linear)"; Rule = GeometricTargets.initialTargets }
        ]

    /// The rule of this name, or an error naming the choices.
    let find (catalogue: NamedRule<'Rule> list) (kind: string) (name: string) : Result<NamedRule<'Rule>, string> =
        match catalogue |> List.tryFind (fun rule -> rule.Name = name) with
        | Some rule -> Ok rule
        | None ->
            let choices = catalogue |> List.map (fun rule -> rule.Name) |> String.concat ", "
            Error $"There is no {kind} rule named '{name}': use one of {choices}."

    /// The names of a catalogue, in order.
    let names (catalogue: NamedRule<'Rule> list) : string list = catalogue |> List.map (fun rule -> rule.Name)
