namespace AutoLR.Algorithms

/// Every rule a user can choose by name, one list per kind of `AutoLrRules`, registered once here (timm-style,
/// shared/STYLE.md): the host's settings, `--help` and validation read their choices from these lists. The first entry
/// of each list is the paper's rule. A new rule is its own file plus one line here; the normalisations of eq. 1 are
/// listed in `Normalisations`.
module RuleCatalog =
    /// Acceptance rules (Algorithm 2, line 10).
    let acceptance : NamedRule<AcceptanceRule> list =
        [
            { Name = "above-threshold"; Description = "the trial passes when its sorting quality exceeds τ (eq. 9, Algorithm 2, the paper)"; Rule = fun trial -> trial.SortingQuality > trial.Threshold }
        ]

    /// Initial-target rules (eqs. 10–11 and alternatives), chosen with `--target-rule`.
    let initialTargets : NamedRule<InitialTargetRule> list =
        [
            { Name = "linear"; Description = "constant step from α·min v to β·max v (eqs. 10–11, the paper)"; Rule = fun trial -> InitialTargets.initialTargets trial.Alpha trial.Beta trial.Variations }
            { Name = "geometric"; Description = "constant ratio from α·min v to β·max v (same ends as linear)"; Rule = fun trial -> GeometricTargets.initialTargets trial.Alpha trial.Beta trial.Variations }
        ]

    /// Target-renewal rules of the epochs after the first (eqs. 12–13 and alternatives).
    let targetRenewal : NamedRule<TargetRenewalRule> list =
        [
            { Name = "partial"; Description = "keep the variations that are already sorted, step the others from the centre block outward (eqs. 12–13, the paper)"; Rule = fun trial -> PartialRenewal.renewTargets trial.Alpha trial.Beta trial.TargetFloorFraction trial.Variations }
        ]

    /// LR-renewal rules (eqs. 15–16 and alternatives).
    let lrRenewal : NamedRule<LrRenewalRule> list =
        [
            { Name = "proportional"; Description = "η' = η · target / v, assuming v ∝ η (eqs. 8, 15–16, the paper)"; Rule = fun trial targets -> LrRenewal.renewLearningRates trial.LrMin trial.LrMax trial.Lrs targets trial.Variations }
            { Name = "response-exponent"; Description = $"η' = η · (target / v)^(1/p), p of v ∝ η^p from the secant through this trial and the epoch's latest earlier trial of another LR, if within [{fst ResponseExponentRenewal.exponentRange}, {snd ResponseExponentRenewal.exponentRange}]; eq. 16 where there is none"; Rule = ResponseExponentRenewal.renewLearningRates }
        ]

    /// Divergence rules: when a trial failed beyond judging.
    let divergence : NamedRule<DivergenceRule> list =
        [
            { Name = "non-finite-or-exploded"; Description = "a train loss or variation that is NaN or infinite, or a train loss above 100 × ln C"; Rule = fun trial -> DivergencePolicy.diverged trial.ChanceLoss trial.TrainLoss trial.Variations }
        ]

    /// Back-off rules: the LRs a diverged trial is retried with.
    let backOff : NamedRule<BackOffRule> list =
        [
            { Name = "halve-blown-up"; Description = "halve the LRs of the blocks whose variation is not finite, or of every block when only the loss blew up"; Rule = fun trial -> DivergencePolicy.halveBlownUp trial.Lrs trial.Variations }
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

[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module AutoLrRules =
    /// The paper's rules, the first of every catalogue: accept when SQ > τ (Algorithm 2, line 10), the linear ramp of
    /// eqs. 10–11, the partial renewal of eqs. 12–13, η' = η · target / v of eqs. 15–16; a NaN/∞ trial or a loss above
    /// 100 × ln C diverged, retried with its blown-up blocks' LRs halved.
    let paper : AutoLrRules =
        { Accepts = RuleCatalog.acceptance.Head.Rule
          InitialTargets = RuleCatalog.initialTargets.Head.Rule
          RenewTargets = RuleCatalog.targetRenewal.Head.Rule
          RenewLearningRates = RuleCatalog.lrRenewal.Head.Rule
          Diverged = RuleCatalog.divergence.Head.Rule
          BackOff = RuleCatalog.backOff.Head.Rule }
