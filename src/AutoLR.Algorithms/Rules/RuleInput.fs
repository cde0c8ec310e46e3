namespace AutoLR.Algorithms

/// A trial already run in the current epoch, as rules see it: its block LRs before the global multiplier and the
/// variations (eq. 1, the run's normalisation) it measured, NaN where it diverged. Its labels are qualified
/// (`{ EpochTrial.Lrs = ... }`) so that they never capture the inference of a trace line's `Lrs` or `Variations`.
[<RequireQualifiedAccess>]
type EpochTrial = { Lrs: float[]; Variations: float[] }

/// Everything a rule of Algorithm 2 may read about the trial being judged, by name. Every kind of rule in
/// `AutoLrRules` takes this record, so a rule that needs a quantity no rule read before adds a field here (or, per
/// block, to `BlockMeasurement`), not a parameter to every rule. LRs here are before the global multiplier. Its labels
/// are qualified (`{ RuleInput.Epoch = ... }`) so that they never capture the inference of a state's or a trace
/// line's fields of the same names.
[<RequireQualifiedAccess>]
type RuleInput =
    { /// 1-based epoch and trial within it.
      Epoch: int
      Trial: int
      /// Lower end of the target ramp as a multiple of min v (eqs. 10–11).
      Alpha: float
      /// Upper end of the target ramp as a multiple of max v (eqs. 10–11).
      Beta: float
      /// Targets never go below this fraction of min v (eqs. 12–13).
      TargetFloorFraction: float
      /// τ_s in force this epoch.
      Threshold: float
      /// Eq. 9 of `Variations`; NaN when a variation is not finite.
      SortingQuality: float
      /// The bounds a renewed block LR is clamped into: LrMin, and LrMax or the bound relative to the base LR when
      /// that is lower (`LrBounds.upper`).
      LrMin: float
      LrMax: float
      /// The run's base LR: every block's LR in epoch 1's first trial.
      BaseLr: float
      /// ln C of the C classes trained on; +∞ when unknown.
      ChanceLoss: float
      /// Mean train loss of the trial.
      TrainLoss: float
      /// η_k of this trial, input to output.
      Lrs: float[]
      /// What the Torch layer measured of each block, input to output.
      Measurements: BlockMeasurement[]
      /// v_k of each block (eq. 1, the run's normalisation of `Measurements`).
      Variations: float[]
      /// The trials run before this one in this epoch, trial 1 first.
      EarlierTrials: EpochTrial[] }
