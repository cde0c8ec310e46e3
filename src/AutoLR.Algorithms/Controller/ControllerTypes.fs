namespace AutoLR.Algorithms

open System.Text.Json.Serialization

/// How the acceptance threshold τ_s of Algorithm 2 evolves over epochs.
type ThresholdSchedule =
    /// τ_s is the same every epoch (the paper: 0.94).
    | Constant of tau: float
    /// τ_t = max(floor, τ · factor^(t−1)) for epoch t ≥ 1 (the authors' code: factor 0.99, floor 0.8).
    | Decaying of tau: float * factor: float * floor: float

/// How the stem's learning rate follows the blocks'.
type StemRule =
    /// stem LR = factor × LR of block 1 (the authors' code: 0.5).
    | FollowFirstBlock of factor: float
    /// stem LR fixed at this value (before global multipliers).
    | FixedStem of lr: float

/// Every setting of the AutoLR controller. Validation happens in the host; the core assumes valid values.
type ControllerOptions =
    { /// Lower end of the target ramp as a multiple of min v (eq. 10–11), default 2.
      Alpha: float
      /// Upper end of the target ramp as a multiple of max v (eq. 10–11), default 0.4.
      Beta: float
      Threshold: ThresholdSchedule
      /// Most trials per epoch; when reached, the trial with the highest SQ is accepted. Default 5.
      TrialCap: int
      /// Renewed block LRs are clamped into [LrMin, LrMax] (eq. 16), and below LrMaxFactor × BaseLr when that is set.
      /// [0, +∞) with no factor clamps nothing, as in the authors' code (`--lr-clamp false`).
      LrMin: float
      LrMax: float
      /// An upper bound relative to the base LR, η ≤ factor × BaseLr, in force beside LrMax (`LrBounds.upper`); None
      /// (the default) bounds by LrMax alone.
      LrMaxFactor: float option
      /// The run's base LR: every block's LR in epoch 1's first trial (`AutoLrController.init`), the reference of
      /// LrMaxFactor.
      BaseLr: float
      /// Targets never go below TargetFloorFraction × min v (eqs. 12–13), default 0.1.
      TargetFloorFraction: float
      Stem: StemRule
      /// Head LR before global multipliers; not tuned. Default 10 × base LR; the authors' code fixes it at 0.01.
      HeadLr: float
      /// Global multiplier for epoch t (1-based) applied to stem, blocks and head alike, e.g. ×0.2 from epoch 40.
      GlobalMultiplier: int -> float
      /// Normalisation of eq. 1: `decide` turns each trial's measurements into its variations with it.
      Normalisation: Normalisation
      /// How many consecutive diverged trials (NaN/∞ loss or variation) in one epoch stop the run.
      DivergenceLimit: int
      /// ln C of the C classes trained on: a train loss above `DivergencePolicy.explosionFactor` × it is a divergence.
      /// +∞ (the default, C unknown) checks only for NaN/∞.
      ChanceLoss: float
      /// The rules decide applies: acceptance, targets, LR renewal, divergence (default `AutoLrRules.paper`).
      Rules: AutoLrRules
      /// Share f of an epoch's batches a trial trains before it is judged, in (0, 1]. 1 (the default) is the paper's
      /// Algorithm 2: every trial is a whole epoch. Below 1 a trial is a probe of the epoch's first ⌈f·B⌉ batches
      /// (`Probe.batches`); eq. 8's v ∝ η is what lets so short a window rank the blocks. The epoch then goes on from
      /// the kept probe's end state to its last batch, once (`Probe.completedEpoch`).
      ProbeFraction: float }

/// One trial's measurement, as the Torch layer observed it.
type TrialObservation =
    { /// 1-based epoch.
      Epoch: int
      /// 1-based trial within the epoch.
      Trial: int
      /// Block LRs actually used in this trial (after the global multiplier), input to output: the `Blocks` of
      /// `AutoLrController.trialLearningRates` for this trial. `decide` checks them against its state.
      BlockLrs: float[]
      /// What was measured of each block (eq. 1's inputs and more), input to output; `decide` normalises them into
      /// the variations v_k with `ControllerOptions.Normalisation`.
      Measurements: BlockMeasurement[]
      TrainLoss: float
      Seconds: float }

/// The batches of one epoch a trace line trained: batches First .. First + Count − 1 (1-based) of EpochBatches.
type BatchWindow = { First: int; Count: int; EpochBatches: int }

/// One line of trace.jsonl (DESIGN.md §3): the values that were used, never recomputed for display.
type TrialRecord =
    { Epoch: int
      Trial: int
      Layers: string[]
      /// Block LRs used in this trial (after the global multiplier), as observed.
      Lrs: float[]
      /// Stem and head LRs of this trial (after the global multiplier), as `trialLearningRates` handed them out.
      StemLr: float
      HeadLr: float
      Variations: float[]
      /// Eq. 9 of `Variations`; NaN for a diverged trial.
      SortingQuality: float
      /// τ_s in force this epoch.
      Threshold: float
      /// This trial's end state is the one the run goes on from.
      Accepted: bool
      /// Targets in force after this trial, or None when none were needed.
      Targets: float[] option
      /// Block LRs for the next trial (or next epoch when accepted), before the global multiplier is applied;
      /// None when accepted as is.
      NextLrs: float[] option
      /// Clamps, fallbacks, cap reached, divergence, empty target range: `TrialEvent.name` of each (the list is on
      /// `TrialEvent`).
      Events: string[]
      TrainLoss: float
      Seconds: float
      /// The batches this line trained, when not the whole epoch (trials with `ProbeFraction` < 1): a probe's window,
      /// over which its variations and loss were measured; or, on the line that completes the epoch after its probes
      /// (event `completed-probe:trialN`), the remaining batches, while its variations and loss are the whole epoch's.
      /// Absent from the JSON line when null, so full-epoch traces read as before.
      [<JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)>]
      Window: BatchWindow option }

/// What the Torch layer must do after a trial.
type Decision =
    /// Keep this trial's end state; go on to the next epoch.
    | Accept
    /// Restore the epoch's snapshot and train the epoch again with these block LRs (before the global multiplier).
    /// KeepAsBest: this trial has the highest SQ of the epoch so far, so keep a copy of its end state.
    | Retry of nextBlockLrs: float[] * keepAsBest: bool
    /// The epoch ends without a trial passing τ (the trial cap is reached, or the retry would repeat LRs already run this
    /// epoch): restore the end state of trial `bestTrial` (kept earlier) and go on. `bestTrial` is always an earlier
    /// trial; when the deciding trial itself is the best, the decision is Accept.
    | AcceptBest of bestTrial: int
    /// Divergence repeated DivergenceLimit times: stop the run with this message; the last good state stays.
    | Abort of reason: string

/// Explicit controller state (optax-style): everything the decide function needs, nothing hidden.
type ControllerState =
    { Layers: string[]
      Epoch: int
      /// Trials decided so far in the current epoch.
      TrialsThisEpoch: int
      /// Block LRs (before the global multiplier) and variations of those trials, trial 1 first: rules read them
      /// (`RuleInput.EarlierTrials`), and a retry (Algorithm 2, line 19) never repeats their LRs, since the same LRs
      /// from the same snapshot would reproduce that trial bit for bit.
      EpochTrials: EpochTrial[]
      /// Block LRs for the next trial, before the global multiplier (trialLearningRates applies it).
      BlockLrs: float[]
      /// Targets fixed at the epoch's first failed (not diverged) trial: eq. 11 in epoch 1, eqs. 12–13 later.
      Targets: float[] option
      /// (trial, SQ, block LRs before the multiplier) of the best trial of this epoch so far: highest SQ, earliest on
      /// ties, never a diverged trial.
      Best: (int * float * float[]) option
      /// Consecutive diverged trials in this epoch.
      Divergences: int }

/// Everything `AutoLrController.decide` says about one trial.
type TrialOutcome =
    { Decision: Decision
      /// The trace line of this trial.
      Record: TrialRecord
      /// The state the next trial (or the next epoch) starts from.
      Next: ControllerState
      /// When the epoch ends here, the trial whose end state the run goes on from: this trial on Accept, the kept best
      /// trial on AcceptBest. None while the epoch goes on (Retry) or when the run stops (Abort).
      KeptTrial: int option }

module ThresholdSchedule =
    /// τ_s for epoch t (1-based): Constant τ gives τ; Decaying (τ, factor, floor) gives max(floor, τ · factor^(t−1)).
    let threshold (schedule: ThresholdSchedule) (epoch: int) : float =
        match schedule with
        | Constant tau -> tau
        | Decaying (tau, factor, floor) -> max floor (tau * pown factor (epoch - 1))
