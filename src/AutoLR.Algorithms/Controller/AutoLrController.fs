namespace AutoLR.Algorithms

/// The learning rates of every parameter group for one trial, after the global multiplier.
type TrialLearningRates = { Stem: float; Blocks: float[]; Head: float }

/// Algorithm 2 as a state plus a pure decide function.
///
/// LRs live in two spaces. ControllerState.BlockLrs, Retry's LRs, TrialRecord.NextLrs, the LR clamps
/// [LrMin, LrMax] and eq. 16 work before the global multiplier m(t); trialLearningRates, TrialObservation.BlockLrs
/// and TrialRecord.Lrs/StemLr/HeadLr are after it (m(t) × the former). Eq. 16's ratio target/v is the same in
/// both, because m(t) scales every block alike (eq. 8: v ∝ η).
module AutoLrController =
    /// The one place the controller's defaults are decided (the host's settings and appsettings.json derive from it).
    /// The paper's and the authors' defaults for a base LR: α 2, β 0.4, constant τ 0.94, cap 5, stem 0.5 × block 1,
    /// head 10 × base, floor 0.1 × min v, no global multiplier, /n, divergence limit 3, the paper's rules, full-epoch
    /// trials (probe fraction 1). LR bounds
    /// [1e-5, 1] whatever the base LR: a rail against LRs SGD cannot train with (above 1 these networks diverge, below
    /// 1e-5 a block is frozen), not a property of the base LR; a base LR outside them needs wider bounds. No bound
    /// relative to the base LR.
    let defaults (baseLr: float) : ControllerOptions =
        { Alpha = 2.0
          Beta = 0.4
          Threshold = Constant 0.94
          TrialCap = 5
          LrMin = 1e-5
          LrMax = 1.0
          LrMaxFactor = None
          BaseLr = baseLr
          TargetFloorFraction = 0.1
          Stem = FollowFirstBlock 0.5
          HeadLr = 10.0 * baseLr
          GlobalMultiplier = fun _ -> 1.0
          Normalisation = Normalisations.perWeight
          DivergenceLimit = 3
          ChanceLoss = infinity
          Rules = AutoLrRules.paper
          ProbeFraction = 1.0 }

    /// Epoch 1, no trial yet, every block at baseLr (Algorithm 2, line 1).
    let init (options: ControllerOptions) (layers: string[]) (baseLr: float) : ControllerState =
        if layers.Length = 0 then invalidArg (nameof layers) "The controller needs at least one tuned block."
        { Layers = layers
          Epoch = 1
          TrialsThisEpoch = 0
          EpochTrials = [||]
          BlockLrs = Array.create layers.Length baseLr
          Targets = None
          Best = None
          Divergences = 0 }

    /// The LRs to train the coming trial with: blocks m(t)·η_k, stem m(t)·(factor·η_1 or its fixed LR),
    /// head m(t)·HeadLr, where m(t) = GlobalMultiplier(epoch).
    let trialLearningRates (options: ControllerOptions) (state: ControllerState) : TrialLearningRates =
        let m = options.GlobalMultiplier state.Epoch
        let stem =
            match options.Stem with
            | FollowFirstBlock factor -> factor * state.BlockLrs[0]
            | FixedStem lr -> lr
        { Stem = m * stem; Blocks = state.BlockLrs |> Array.map (fun lr -> m * lr); Head = m * options.HeadLr }

    let private checkObservation (options: ControllerOptions) (state: ControllerState) (observation: TrialObservation) =
        let k = state.BlockLrs.Length
        let expected = trialLearningRates options state
        if observation.Epoch <> state.Epoch || observation.Trial <> state.TrialsThisEpoch + 1 then
            invalidArg (nameof observation) $"Observation is for epoch {observation.Epoch} trial {observation.Trial}, but the controller expects epoch {state.Epoch} trial {state.TrialsThisEpoch + 1}: feed every trial to decide once, in order."
        if observation.BlockLrs.Length <> k || observation.Measurements.Length <> k then
            invalidArg (nameof observation) $"Observation has {observation.BlockLrs.Length} LRs and {observation.Measurements.Length} measurements for {k} blocks: measure every tuned block."
        let agrees (a: float) (b: float) = abs (a - b) <= 1e-6 * max (abs a) (abs b)
        if not (Array.forall2 agrees observation.BlockLrs expected.Blocks) then
            invalidArg (nameof observation) $"Observed block LRs %A{observation.BlockLrs} differ from the LRs the controller handed out %A{expected.Blocks} (trialLearningRates, after the global multiplier): train with those."

    /// The trial being judged: what was observed, its variations (eq. 1), and what the rules see of it.
    type private Trial =
        { Options: ControllerOptions
          State: ControllerState
          Observation: TrialObservation
          Number: int
          Variations: float[]
          /// Sorting quality (eq. 9), threshold τ_s, bounds and the epoch's earlier trials, as every rule reads them.
          Input: RuleInput }

    /// What the rules see of a trial with these variations, LRs (before the global multiplier) and earlier trials.
    let private ruleInput (o: ControllerOptions) (epoch: int) (trial: int) (lrs: float[]) (measurements: BlockMeasurement[])
                          (variations: float[]) (trainLoss: float) (earlier: EpochTrial[]) : RuleInput =
        { RuleInput.Epoch = epoch
          Trial = trial
          Alpha = o.Alpha
          Beta = o.Beta
          TargetFloorFraction = o.TargetFloorFraction
          Threshold = ThresholdSchedule.threshold o.Threshold epoch
          SortingQuality = SortingQuality.sortingQuality variations
          LrMin = o.LrMin
          LrMax = LrBounds.upper o.LrMax o.BaseLr o.LrMaxFactor
          BaseLr = o.BaseLr
          ChanceLoss = o.ChanceLoss
          TrainLoss = trainLoss
          Lrs = lrs
          Measurements = measurements
          Variations = variations
          EarlierTrials = earlier }

    let private judge (options: ControllerOptions) (state: ControllerState) (observation: TrialObservation) : Trial =
        let number = state.TrialsThisEpoch + 1
        let variations = WeightVariation.variations options.Normalisation observation.Measurements
        { Options = options
          State = state
          Observation = observation
          Number = number
          Variations = variations
          Input =
            ruleInput options state.Epoch number state.BlockLrs observation.Measurements variations observation.TrainLoss
                state.EpochTrials }

    /// The trace line of the trial (DESIGN.md §3): the values used, as observed and decided.
    let private record (t: Trial) (accepted: bool) (targets: float[] option) (nextLrs: float[] option) (events: TrialEvent list) =
        let used = trialLearningRates t.Options t.State
        { Epoch = t.State.Epoch
          Trial = t.Number
          Layers = t.State.Layers
          Lrs = t.Observation.BlockLrs
          StemLr = used.Stem
          HeadLr = used.Head
          Variations = t.Variations
          SortingQuality = t.Input.SortingQuality
          Threshold = t.Input.Threshold
          Accepted = accepted
          Targets = targets
          NextLrs = nextLrs
          Events = events |> List.map TrialEvent.name |> Array.ofList
          TrainLoss = t.Observation.TrainLoss
          Seconds = t.Observation.Seconds
          Window = None }

    /// Accepted LRs carry into the next epoch, whose first trial starts afresh.
    let private nextEpoch (t: Trial) (lrs: float[]) : ControllerState =
        { t.State with
            Epoch = t.State.Epoch + 1
            TrialsThisEpoch = 0
            EpochTrials = [||]
            BlockLrs = lrs
            Targets = None
            Best = None
            Divergences = 0 }

    /// (trial, SQ, LRs) of the epoch's best trial once this one counts: highest SQ, earliest on ties.
    let private bestSoFar (t: Trial) : int * float * float[] =
        match t.State.Best with
        | Some ((_, bestQuality, _) as best) when not (t.Input.SortingQuality > bestQuality) -> best
        | _ -> t.Number, t.Input.SortingQuality, t.State.BlockLrs

    /// Algorithm 2, lines 10–11 (or an epoch that cannot go on): keep this trial's end state and its LRs.
    let private accept (t: Trial) (targets: float[] option) (events: TrialEvent list) : TrialOutcome =
        { Decision = Accept
          Record = record t true targets None events
          Next = nextEpoch t t.State.BlockLrs
          KeptTrial = Some t.Number }

    /// The epoch ends without a trial passing τ (trial cap reached, or a retry that would repeat a trial's LRs), for the
    /// reasons in `events`: keep the best trial's end state and LRs, or this one's when it is the best.
    let private keepBest (t: Trial) (targets: float[] option) (bestTrial: int, _, bestLrs: float[]) (events: TrialEvent list) : TrialOutcome =
        if bestTrial = t.Number then accept t targets events
        else
            { Decision = AcceptBest bestTrial
              Record = record t false targets (Some bestLrs) (events @ [ AcceptedBest bestTrial ])
              Next = nextEpoch t bestLrs
              KeptTrial = Some bestTrial }

    /// The epoch's trials once this one counts, trial 1 first.
    let private trialsRun (t: Trial) : EpochTrial[] =
        Array.append t.State.EpochTrials [| { EpochTrial.Lrs = t.State.BlockLrs; Variations = t.Variations } |]

    /// The trial of this epoch that already ran with exactly these block LRs (before the global multiplier), if any:
    /// retrying with them from the epoch's snapshot (Algorithm 2, line 19) would reproduce it bit for bit.
    let private trialWithLrs (t: Trial) (lrs: float[]) : int option =
        trialsRun t |> Array.tryFindIndex (fun trial -> trial.Lrs = lrs) |> Option.map ((+) 1)

    /// Stop the run; the last good state stays.
    let private abort (t: Trial) (reason: string) (events: TrialEvent list) (divergences: int) : TrialOutcome =
        { Decision = Abort reason
          Record = record t false t.State.Targets None events
          Next = { t.State with TrialsThisEpoch = t.Number; EpochTrials = trialsRun t; Divergences = divergences }
          KeptTrial = None }

    /// Algorithm 2, line 19: restore the epoch's snapshot and train again with `lrs`.
    let private retry (t: Trial) (lrs: float[]) (keepAsBest: bool) (targets: float[] option) (next: ControllerState) (events: TrialEvent list) =
        { Decision = Retry (lrs, keepAsBest)
          Record = record t false targets (Some lrs) events
          Next = next
          KeptTrial = None }

    /// Algorithm 2, lines 13–16: the targets are fixed at the epoch's first failed trial, by the initial-target rule in
    /// epoch 1 (eqs. 10–11) and the renewal rule later (eqs. 12–13), and kept for the epoch's further trials.
    let private targetsFor (t: Trial) : Result<float[] * TrialEvent list, TargetError> =
        let o = t.Options
        match t.State.Targets with
        | Some fixedTargets -> Ok (fixedTargets, [])
        | None when t.State.Epoch = 1 -> o.Rules.InitialTargets t.Input |> Result.map (fun ramp -> ramp, [])
        | None ->
            let renewal = o.Rules.RenewTargets t.Input
            Ok (renewal.Targets, renewal.Events)

    /// Algorithm 2, lines 12–19 for a failed trial below the cap: targets, then η' by eqs. 15–16, then retry. When
    /// no target range exists (epoch 1), the trial is accepted as it is; when η' equals the LRs of a trial already run
    /// this epoch (eq. 16 clamped, or every target at its v), the epoch ends with its best trial.
    let private renewAndRetry (t: Trial) : TrialOutcome =
        match targetsFor t with
        | Error (EmptyRange _) -> accept t None [ EmptyTargetRange ]
        | Ok (targets, targetEvents) ->
            let o = t.Options
            let best = bestSoFar t
            let renewal = o.Rules.RenewLearningRates t.Input targets
            let events = targetEvents @ renewal.Events
            match trialWithLrs t renewal.Lrs with
            | Some repeated -> keepBest t (Some targets) best (events @ [ RepeatedLrs repeated ])
            | None ->
                let next =
                    { t.State with
                        TrialsThisEpoch = t.Number
                        EpochTrials = trialsRun t
                        BlockLrs = renewal.Lrs
                        Targets = Some targets
                        Best = Some best
                        Divergences = 0 }
                let keepAsBest = let bestTrial, _, _ = best in bestTrial = t.Number
                retry t renewal.Lrs keepAsBest (Some targets) next events

    /// What counted as divergence, for the abort message.
    let private divergenceRule (o: ControllerOptions) =
        if System.Double.IsInfinity o.ChanceLoss then "NaN or infinite train loss or weight variation"
        else
            let ceiling = (DivergencePolicy.explosionFactor * o.ChanceLoss).ToString("G4", System.Globalization.CultureInfo.InvariantCulture)
            $"NaN or infinite train loss or weight variation, or train loss above {DivergencePolicy.explosionFactor} × ln C = {ceiling}"

    /// A diverged trial fails: at the DivergenceLimit-th in a row the run stops; at the cap the best finite trial is
    /// kept (the run stops when there is none); otherwise the divergence policy backs the LRs off and the epoch retries,
    /// unless the backed-off LRs (clamped at LrMin) repeat a trial's of this epoch: then the best finite trial is kept,
    /// or the run stops when there is none.
    let private onDivergence (t: Trial) : TrialOutcome =
        let o = t.Options
        let divergences = t.State.Divergences + 1
        if divergences >= o.DivergenceLimit then
            abort t
                $"Training diverged ({divergenceRule o}) in {divergences} consecutive trials of epoch {t.State.Epoch}, even with the LRs of the blown-up blocks halved each time. Lower the base LR (or LrMax) and run again."
                [ Divergence; DivergenceLimitReached ] divergences
        elif t.Number >= o.TrialCap then
            match t.State.Best with
            | Some best -> keepBest t t.State.Targets best [ Divergence; TrialCapReached ]
            | None ->
                abort t
                    $"Every one of the {t.Number} trials of epoch {t.State.Epoch} diverged ({divergenceRule o}), so no trial can be kept. Lower the base LR (or LrMax) and run again."
                    [ Divergence; TrialCapReached ] divergences
        else
            let backedOff, backOffEvents = o.Rules.BackOff t.Input
            let clamped = LrRenewal.clampLearningRates t.Input.LrMin t.Input.LrMax backedOff
            let events = Divergence :: backOffEvents @ clamped.Events
            match trialWithLrs t clamped.Lrs, t.State.Best with
            | Some repeated, Some best -> keepBest t t.State.Targets best (events @ [ RepeatedLrs repeated ])
            | Some repeated, None ->
                abort t
                    $"Trial {t.Number} of epoch {t.State.Epoch} diverged ({divergenceRule o}); its LRs, halved and clamped at LrMin, are those trial {repeated} already ran, so a retry would diverge again, and no trial of the epoch is finite to keep. Lower the base LR (or LrMin) and run again."
                    (events @ [ RepeatedLrs repeated ]) divergences
            | None, _ ->
                retry t clamped.Lrs false t.State.Targets
                    { t.State with TrialsThisEpoch = t.Number; EpochTrials = trialsRun t; BlockLrs = clamped.Lrs; Divergences = divergences }
                    events

    /// Algorithm 2, lines 7–19, for one trial: what to do next, its trace record, the next state and the kept trial.
    /// A diverged trial goes to the divergence policy; otherwise a trial that passes τ is accepted, at the trial cap
    /// the best trial of the epoch (highest SQ, earliest on ties) is kept, and below it the LRs are renewed and the
    /// epoch retried — never with LRs a trial of the epoch already ran: the best trial is kept instead. Every rule comes
    /// from `options.Rules`.
    /// Throws ArgumentException for an observation that is not the expected epoch and trial, does not cover every
    /// block, or whose block LRs differ (beyond relative 1e-6) from trialLearningRates: a bug in the caller.
    let decide (options: ControllerOptions) (state: ControllerState) (observation: TrialObservation) : TrialOutcome =
        checkObservation options state observation
        let t = judge options state observation
        if options.Rules.Diverged t.Input then onDivergence t
        elif options.Rules.Accepts t.Input then accept t t.State.Targets []
        elif t.Number >= options.TrialCap then keepBest t t.State.Targets (bestSoFar t) [ TrialCapReached ]
        else renewAndRetry t

    /// Whether an epoch the controller did not run (a baseline's, traced as one accepted trial) diverged by the options'
    /// divergence rule, so that no schedule passes an explosion off as a result. Its line's LRs stand in for the LRs
    /// before the global multiplier; it has no earlier trials.
    let lineDiverged (options: ControllerOptions) (line: TrialRecord) (measurements: BlockMeasurement[]) : bool =
        options.Rules.Diverged
            (ruleInput options line.Epoch line.Trial line.Lrs measurements line.Variations line.TrainLoss [||])
