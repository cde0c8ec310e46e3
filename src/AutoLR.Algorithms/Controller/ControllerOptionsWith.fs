namespace AutoLR.Algorithms

open System.Runtime.CompilerServices

/// `{ options with ... }` for C#, which cannot copy an F# record with changes: start from `AutoLrController.defaults`
/// and name what differs, e.g. `AutoLrController.defaults(0.01).WithAlpha(0.5).WithTrialCap(3)`. C# never calls the
/// record's constructor, so a new option adds a method here and breaks no caller.
[<Extension; AbstractClass; Sealed>]
type ControllerOptionsWith =
    [<Extension>]
    static member WithAlpha(options: ControllerOptions, alpha: float) = { options with Alpha = alpha }

    [<Extension>]
    static member WithBeta(options: ControllerOptions, beta: float) = { options with Beta = beta }

    [<Extension>]
    static member WithThreshold(options: ControllerOptions, threshold: ThresholdSchedule) = { options with Threshold = threshold }

    [<Extension>]
    static member WithTrialCap(options: ControllerOptions, trialCap: int) = { options with TrialCap = trialCap }

    [<Extension>]
    static member WithLrBounds(options: ControllerOptions, lrMin: float, lrMax: float) = { options with LrMin = lrMin; LrMax = lrMax }

    /// An upper bound on block LRs relative to the base LR, η ≤ factor × BaseLr, in force beside LrMax. Throws
    /// ArgumentException for a factor below 1 (epoch 1 starts every block at the base LR) or not finite.
    [<Extension>]
    static member WithLrMaxFactor(options: ControllerOptions, factor: float) =
        if not (factor >= 1.0 && not (System.Double.IsPositiveInfinity factor)) then
            invalidArg (nameof factor) $"The LR bound relative to the base LR must be a finite factor ≥ 1 (every block starts at the base LR), got {factor}."
        { options with LrMaxFactor = Some factor }

    [<Extension>]
    static member WithTargetFloorFraction(options: ControllerOptions, fraction: float) = { options with TargetFloorFraction = fraction }

    [<Extension>]
    static member WithStem(options: ControllerOptions, stem: StemRule) = { options with Stem = stem }

    [<Extension>]
    static member WithHeadLr(options: ControllerOptions, headLr: float) = { options with HeadLr = headLr }

    [<Extension>]
    static member WithGlobalMultiplier(options: ControllerOptions, multiplier: System.Func<int, float>) =
        { options with GlobalMultiplier = multiplier.Invoke }

    [<Extension>]
    static member WithNormalisation(options: ControllerOptions, normalisation: Normalisation) =
        { options with Normalisation = normalisation }

    [<Extension>]
    static member WithDivergenceLimit(options: ControllerOptions, limit: int) = { options with DivergenceLimit = limit }

    /// The classes the network is trained on, so that a train loss far above their chance loss counts as divergence.
    [<Extension>]
    static member WithClassCount(options: ControllerOptions, classCount: int) =
        { options with ChanceLoss = DivergencePolicy.chanceLoss classCount }

    /// Share of an epoch's batches a trial trains before it is judged (`Probe`); 1 = full-epoch trials.
    [<Extension>]
    static member WithProbeFraction(options: ControllerOptions, fraction: float) = { options with ProbeFraction = fraction }

    [<Extension>]
    static member WithRules(options: ControllerOptions, rules: AutoLrRules) = { options with Rules = rules }

    /// The initial-target rule registered under `name` in `RuleCatalog.initialTargets`. Throws ArgumentException naming
    /// the choices for an unknown name (the host validates names before this).
    [<Extension>]
    static member WithTargetRule(options: ControllerOptions, name: string) =
        match RuleCatalog.find RuleCatalog.initialTargets "initial-target" name with
        | Ok rule -> { options with Rules = { options.Rules with InitialTargets = rule.Rule } }
        | Error message -> invalidArg (nameof name) message

    /// The LR-renewal rule registered under `name` in `RuleCatalog.lrRenewal`. Throws ArgumentException naming the
    /// choices for an unknown name.
    [<Extension>]
    static member WithLrRenewalRule(options: ControllerOptions, name: string) =
        match RuleCatalog.find RuleCatalog.lrRenewal "LR-renewal" name with
        | Ok rule -> { options with Rules = { options.Rules with RenewLearningRates = rule.Rule } }
        | Error message -> invalidArg (nameof name) message
