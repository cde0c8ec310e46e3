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
      RelativeGradientNorms: float[] }

/// How a baseline's schedule reaches the stem and the head.
type LayerConvention =
    /// The schedule gives one LR to every block; the stem gets StemFactor × and the head HeadFactor × that LR (the
    /// authors' single-LR convention), so these baselines differ from single LR only in time.
    | Uniform
    /// The schedule gives the blocks and the stem their own LRs; the head gets HeadFactor × the base LR.
    | Layered

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
