/// Rule inputs for properties that call a rule directly rather than through the controller.
module AutoLR.Properties.RuleInputs

open AutoLR.Algorithms
open AutoLR.Properties.Generators

/// What a rule sees of trial 1 of epoch 1 that measured `v` (exactly, by `measured`) with LRs `lrs`, under α, β and
/// the controller's defaults for a base LR of 0.01 otherwise; no earlier trials.
let trialWith (alpha: float) (beta: float) (lrs: float[]) (v: float[]) : RuleInput =
    let defaults = AutoLrController.defaults 0.01
    { RuleInput.Epoch = 1
      Trial = 1
      Alpha = alpha
      Beta = beta
      TargetFloorFraction = defaults.TargetFloorFraction
      Threshold = ThresholdSchedule.threshold defaults.Threshold 1
      SortingQuality = SortingQuality.sortingQuality v
      LrMin = defaults.LrMin
      LrMax = defaults.LrMax
      BaseLr = defaults.BaseLr
      ChanceLoss = defaults.ChanceLoss
      TrainLoss = 1.0
      Lrs = lrs
      Measurements = measured v
      Variations = v
      EarlierTrials = [||] }

/// `trialWith` for a rule that reads only the variations, α and β (LRs all 0.01).
let variationsUnder (alpha: float) (beta: float) (v: float[]) : RuleInput =
    trialWith alpha beta (Array.create v.Length 0.01) v
