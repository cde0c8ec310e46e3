namespace AutoLR.Algorithms

/// What the Torch layer measures of one block over one trial, once for every rule: sums over the block's main-path
/// convolution weights (BatchNorm parameters and the shortcut projection excluded, as the authors' code does), with
/// W_start the weights at the epoch's start (its snapshot), W_end those at the trial's end and ΔW = W_end − W_start.
/// Every normalisation of eq. 1 and every rule reads its per-block quantities from here; a rule that needs a new one
/// adds a field (and its line in `between` and `ofSquaredChange`), and the Torch side measures it.
type BlockMeasurement =
    { /// n_k: how many weights the sums cover; positive.
      WeightCount: int64
      /// ‖ΔW‖² = Σ (W_end − W_start)².
      SquaredChange: float
      /// ‖W_start‖² = Σ W_start², measured once per epoch (with the snapshot), not per trial.
      StartSquaredNorm: float
      /// ΔW · W_start = Σ (W_end − W_start) W_start: ‖W_start‖ times the radial component of the change (negative
      /// when the block shrinks). With ‖ΔW‖² it gives the angle without cancellation (`WeightVariation.angular`).
      RadialChange: float }

    /// ‖W_end‖² = ‖W_start‖² + 2 ΔW·W_start + ‖ΔW‖², an identity, so it costs the Torch side no pass of its own.
    member m.EndSquaredNorm: float = m.StartSquaredNorm + 2.0 * m.RadialChange + m.SquaredChange

module BlockMeasurement =
    /// The definition of every field, in float64 over the weights as plain numbers: the reference the Torch side's
    /// float32 reductions are checked against, and how properties build measurements of known weights.
    let between (start: float[]) (finish: float[]) : BlockMeasurement =
        if start.Length = 0 || start.Length <> finish.Length then
            invalidArg (nameof finish) $"A measurement needs the same positive number of weights at start and end, got {start.Length} and {finish.Length}."
        let change = Array.map2 (-) finish start
        { WeightCount = int64 start.Length
          SquaredChange = Array.sumBy (fun d -> d * d) change
          StartSquaredNorm = Array.sumBy (fun w -> w * w) start
          RadialChange = Array.fold2 (fun sum d w -> sum + d * w) 0.0 change start }

    /// A block of `weightCount` weights known only by ‖ΔW‖², all eq. 1 as printed reads (a replayed trace, a scripted
    /// world): its start weights have unit norm and the change no radial part. Build other measurements from it with
    /// `{ BlockMeasurement.ofSquaredChange n d with ... }`, so that they keep compiling when a field is added.
    let ofSquaredChange (weightCount: int64) (squaredChange: float) : BlockMeasurement =
        { WeightCount = weightCount; SquaredChange = squaredChange; StartSquaredNorm = 1.0; RadialChange = 0.0 }
