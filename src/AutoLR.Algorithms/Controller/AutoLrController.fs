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
    /// The paper's and the authors' defaults for a base LR: α 2, β 0.4, constant τ 0.94, cap 5, stem 0.5 × block 1,
    /// head 10 × base, LR bounds [base/1000, base×1000], floor 0.1 × min v, no global multiplier, /n, divergence limit 3.
    let defaults (baseLr: float) : ControllerOptions =
        { Alpha = 2.0
          Beta = 0.4
          Threshold = Constant 0.94
          TrialCap = 5
          LrMin = baseLr / 1000.0
          LrMax = baseLr * 1000.0
          TargetFloorFraction = 0.1
          Stem = FollowFirstBlock 0.5
          HeadLr = 10.0 * baseLr
          GlobalMultiplier = fun _ -> 1.0
          Normalisation = PerWeight
          DivergenceLimit = 3 }

    /// Epoch 1, no trial yet, every block at baseLr (Algorithm 2, line 1).
    let init (options: ControllerOptions) (layers: string[]) (baseLr: float) : ControllerState =
        if layers.Length = 0 then invalidArg (nameof layers) "The controller needs at least one tuned block."
        { Layers = layers
          Epoch = 1
          TrialsThisEpoch = 0
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

    let private isFinite (x: float) = not (System.Double.IsNaN x || System.Double.IsInfinity x)

    let private checkObservation (options: ControllerOptions) (state: ControllerState) (observation: TrialObservation) =
        let k = state.BlockLrs.Length
        let expected = trialLearningRates options state
        if observation.Epoch <> state.Epoch || observation.Trial <> state.TrialsThisEpoch + 1 then
            invalidArg (nameof observation) $"Observation is for epoch {observation.Epoch} trial {observation.Trial}, but the controller expects epoch {state.Epoch} trial {state.TrialsThisEpoch + 1}: feed every trial to decide once, in order."
        if observation.BlockLrs.Length <> k || observation.Variations.Length <> k then
            invalidArg (nameof observation) $"Observation has {observation.BlockLrs.Length} LRs and {observation.Variations.Length} variations for {k} blocks: measure every tuned block."
        let agrees (a: float) (b: float) = abs (a - b) <= 1e-6 * max (abs a) (abs b)
        if not (Array.forall2 agrees observation.BlockLrs expected.Blocks) then
            invalidArg (nameof observation) $"Observed block LRs %A{observation.BlockLrs} differ from the LRs the controller handed out %A{expected.Blocks} (trialLearningRates, after the global multiplier): train with those."

    /// Algorithm 2, lines 7–19, for one trial: what to do next, the trace record, the next state.
    /// In order: a diverged trial (NaN/∞ loss or variation) stops the run when it is the DivergenceLimit-th in a row,
    /// otherwise it fails and the blown-up blocks' LRs are halved (all blocks when only the loss blew up); SQ > τ
    /// accepts; at the trial cap the best trial (highest SQ, earliest on ties) is kept; otherwise targets are fixed
    /// at the epoch's first failed trial (eq. 11 in epoch 1, an empty range accepting the trial as it is;
    /// eqs. 12–13 later) and the LRs renewed by eq. 16. Accepted LRs carry into the next epoch.
    /// Throws ArgumentException for an observation that is not the expected epoch and trial, does not cover every
    /// block, or whose block LRs differ (beyond relative 1e-6) from trialLearningRates: a bug in the caller.
    let decide (options: ControllerOptions) (state: ControllerState) (observation: TrialObservation)
        : Decision * TrialRecord * ControllerState =
        checkObservation options state observation
        let trial = state.TrialsThisEpoch + 1
        let used = trialLearningRates options state
        let sortingQuality = SortingQuality.sortingQuality observation.Variations
        let record accepted targets nextLrs (events: TrialEvent list) =
            { Epoch = state.Epoch
              Trial = trial
              Layers = state.Layers
              Lrs = observation.BlockLrs
              StemLr = used.Stem
              HeadLr = used.Head
              Variations = observation.Variations
              SortingQuality = sortingQuality
              Threshold = ThresholdSchedule.threshold options.Threshold state.Epoch
              Accepted = accepted
              Targets = targets
              NextLrs = nextLrs
              Events = events |> List.map TrialEvent.name |> Array.ofList
              TrainLoss = observation.TrainLoss
              Seconds = observation.Seconds }
        let nextEpoch lrs =
            { state with
                Epoch = state.Epoch + 1
                TrialsThisEpoch = 0
                BlockLrs = lrs
                Targets = None
                Best = None
                Divergences = 0 }
        let capReached = trial >= options.TrialCap
        let diverged = not (isFinite observation.TrainLoss && Array.forall isFinite observation.Variations)
        if diverged then
            let divergences = state.Divergences + 1
            if divergences >= options.DivergenceLimit then
                let reason =
                    $"Training diverged (NaN or infinite train loss or weight variation) in {divergences} consecutive trials of epoch {state.Epoch}, even with the LRs of the blown-up blocks halved each time. Lower the base LR (or LrMax) and run again."
                Abort reason,
                record false state.Targets None [ Divergence; DivergenceLimitReached ],
                { state with TrialsThisEpoch = trial; Divergences = divergences }
            elif capReached then
                match state.Best with
                | Some (bestTrial, _, bestLrs) ->
                    AcceptBest bestTrial,
                    record false state.Targets (Some bestLrs) [ Divergence; TrialCapReached; AcceptedBest bestTrial ],
                    nextEpoch bestLrs
                | None ->
                    let reason =
                        $"Every one of the {trial} trials of epoch {state.Epoch} diverged (NaN or infinite train loss or weight variation), so no trial can be kept. Lower the base LR (or LrMax) and run again."
                    Abort reason, record false state.Targets None [ Divergence; TrialCapReached ],
                    { state with TrialsThisEpoch = trial; Divergences = divergences }
            else
                let blownUp = observation.Variations |> Array.map (isFinite >> not)
                let halve = if Array.exists id blownUp then blownUp else Array.create blownUp.Length true
                let halved = state.BlockLrs |> Array.mapi (fun i lr -> if halve[i] then lr / 2.0 else lr)
                let clamped = LrRenewal.clampLearningRates options.LrMin options.LrMax halved
                let halvedEvents = [ for i in 0 .. halve.Length - 1 do if halve[i] then LrHalved (i + 1) ]
                Retry (clamped.Lrs, false),
                record false state.Targets (Some clamped.Lrs) (Divergence :: halvedEvents @ clamped.Events),
                { state with TrialsThisEpoch = trial; BlockLrs = clamped.Lrs; Divergences = divergences }
        else
            let isBest =
                match state.Best with
                | None -> true
                | Some (_, bestQuality, _) -> sortingQuality > bestQuality
            let best = if isBest then (trial, sortingQuality, state.BlockLrs) else state.Best.Value
            if sortingQuality > ThresholdSchedule.threshold options.Threshold state.Epoch then
                Accept, record true state.Targets None [], nextEpoch state.BlockLrs
            elif capReached then
                let bestTrial, _, bestLrs = best
                if bestTrial = trial then
                    Accept, record true state.Targets None [ TrialCapReached ], nextEpoch state.BlockLrs
                else
                    AcceptBest bestTrial,
                    record false state.Targets (Some bestLrs) [ TrialCapReached; AcceptedBest bestTrial ],
                    nextEpoch bestLrs
            else
                let targets =
                    match state.Targets with
                    | Some fixedTargets -> Ok (fixedTargets, [])
                    | None when state.Epoch = 1 ->
                        InitialTargets.initialTargets options.Alpha options.Beta observation.Variations
                        |> Result.map (fun ramp -> ramp, [])
                    | None ->
                        let renewal =
                            PartialRenewal.renewTargets options.Alpha options.Beta options.TargetFloorFraction observation.Variations
                        Ok (renewal.Targets, renewal.Events)
                match targets with
                | Error (EmptyRange _) ->
                    Accept, record true None None [ EmptyTargetRange ], nextEpoch state.BlockLrs
                | Ok (targets, targetEvents) ->
                    let renewal =
                        LrRenewal.renewLearningRates options.LrMin options.LrMax state.BlockLrs targets observation.Variations
                    Retry (renewal.Lrs, isBest),
                    record false (Some targets) (Some renewal.Lrs) (targetEvents @ renewal.Events),
                    { state with
                        TrialsThisEpoch = trial
                        BlockLrs = renewal.Lrs
                        Targets = Some targets
                        Best = Some best
                        Divergences = 0 }
