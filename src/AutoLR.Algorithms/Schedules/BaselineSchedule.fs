namespace AutoLR.Algorithms

/// What a baseline needs to know of the run it schedules.
type RunShape =
    { /// --base-lr.
      BaseLr: float
      /// Epochs of the fine-tune, which set the step and restart lengths.
      Epochs: int
      /// Batches per epoch, for the schedules that step per iteration.
      ItersPerEpoch: int
      /// Auto-RGN's measurement at the start of the current epoch: ‖g‖ / ‖w‖ of the stem (index 0) and blocks 1..K;
      /// empty for the schedules that measure nothing.
      RelativeGradientNorms: float[]
      /// The per-step schedules' measurements of the stem (index 0) and blocks 1..K up to the current step;
      /// `StepStatistics.empty` for the others.
      Steps: StepStatistics }

/// How a baseline's schedule reaches the stem and the head.
type LayerConvention =
    /// The schedule gives one LR to every block; the stem gets StemFactor × and the head HeadFactor × that LR (the
    /// authors' single-LR convention), so these baselines differ from single LR only in time.
    | Uniform
    /// The schedule gives the blocks and the stem their own LRs; the head gets HeadFactor × the base LR.
    | Layered

/// What a schedule that adapts its LRs every step, from the step's own weights and gradients, needs of the engine:
/// which parameters of each layer it measures and how the optimizer's groups are laid out.
type StepAdaptation =
    /// Nothing: the LRs are known before the batch.
    | NotPerStep
    /// LARS: the norms of each layer's weight tensors (dimension > 1); its BatchNorm and bias parameters are left out
    /// of the trust ratio and train at the base LR, in optimizer groups of their own (as LARS's reference code).
    | TrustRatioOfWeights
    /// DoG: the norms of all of each layer's parameters (the layer is one vector x), with their distance from the
    /// start; stem and blocks train without momentum, because DoG's step is plain SGD's.
    | DistanceOverGradientsOfLayers

/// One baseline of `finetune --schedule` (DESIGN.md §2): its name, a line of help, and its `Schedule` for a run.
type BaselineSchedule =
    { Name: string
      Description: string
      Layers: LayerConvention
      /// Batches measured before each epoch (0 for the schedules that need no measurement): Auto-RGN's probe.
      ProbeBatches: BaselineParameters -> int
      /// The method's own hyper-parameter that `compare` tunes beside the base LR, and the values it tries; None for
      /// the methods whose grid is the base LR alone.
      TuningAxis: (ScheduleParameter * float list) option
      /// What the engine measures every step for it (`NotPerStep` for the schedules that need nothing).
      PerStep: StepAdaptation
      Build: BaselineParameters -> RunShape -> Schedule }

module BaselineSchedule =
    /// The LR of `baseline` at (epoch, iteration, layer, K) with the conventions of `Schedule` (layer 0 stem, 1..K
    /// blocks, K + 1 head), stem and head following its `LayerConvention`.
    let learningRate (baseline: BaselineSchedule) (parameters: BaselineParameters) (run: RunShape)
                     (epoch: int, iteration: int, layer: int, k: int) : float =
        let schedule = baseline.Build parameters run
        match baseline.Layers with
        | Uniform ->
            let blockLr = Schedules.learningRate schedule (epoch, iteration, layer, k)
            if layer = 0 then parameters.StemFactor * blockLr
            elif layer > k then parameters.HeadFactor * blockLr
            else blockLr
        | Layered ->
            if layer > k then parameters.HeadFactor * run.BaseLr
            else Schedules.learningRate schedule (epoch, iteration, layer, k)
