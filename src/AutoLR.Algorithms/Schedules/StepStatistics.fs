namespace AutoLR.Algorithms

/// What the Torch side measures of one layer (stem or block) once per step — after the backward pass, before the
/// optimizer's step — over the parameters the schedule's `StepAdaptation` names.
type LayerStepNorms =
    { /// ‖w_t‖.
      Weight: float
      /// ‖g_t‖, the loss's gradient (the optimizer's weight decay not included).
      Gradient: float
      /// ⟨g_t, w_t⟩: with ‖g_t‖ and ‖w_t‖ it gives the norm of the gradient SGD steps along, ‖g_t + λ w_t‖ (DoG reads
      /// it; the engine leaves it 0 for LARS, which does not).
      GradientDotWeight: float
      /// ‖w_t − w_0‖, w_0 the weights when the fine-tune started.
      Distance: float }

/// The per-step norms of each layer (index 0 = stem, 1..K = blocks) since the fine-tune started, folded into what the
/// per-step schedules read: the newest step's norms (LARS) and, for DoG, ‖x_0‖, the largest distance from x_0 and the
/// running sum of squared gradients.
type StepStatistics =
    { /// λ of the engine's SGD (its weight_decay), which adds λ w to every gradient it steps along.
      WeightDecay: float
      /// Steps observed so far; 0 means nothing is measured yet.
      Steps: int
      /// The newest step's norms (empty before the first).
      Latest: LayerStepNorms[]
      /// ‖x_0‖ of each layer, from the first step.
      InitialWeight: float[]
      /// max_{i ≤ t} ‖x_i − x_0‖ of each layer.
      LargestDistance: float[]
      /// Σ_{i ≤ t} ‖g_i + λ x_i‖² of each layer.
      GradientSquares: float[] }

module StepStatistics =
    /// Nothing observed yet, for an engine whose SGD decays weights by λ = `weightDecay`.
    let empty (weightDecay: float) : StepStatistics =
        { WeightDecay = weightDecay; Steps = 0; Latest = [||]; InitialWeight = [||]; LargestDistance = [||]; GradientSquares = [||] }

    /// ‖g + λ w‖² = ‖g‖² + 2λ⟨g, w⟩ + λ²‖w‖² (never below 0, which rounding could otherwise reach).
    let decayedGradientSquare (weightDecay: float) (norms: LayerStepNorms) : float =
        max 0.0 (norms.Gradient * norms.Gradient + 2.0 * weightDecay * norms.GradientDotWeight
                 + weightDecay * weightDecay * norms.Weight * norms.Weight)

    /// The statistics after one more step's norms (one entry per layer, the same layers every step).
    let observe (statistics: StepStatistics) (norms: LayerStepNorms[]) : StepStatistics =
        if statistics.Steps > 0 && norms.Length <> statistics.Latest.Length then
            invalidArg (nameof norms) (sprintf "%d layers measured after %d before; every step measures the same layers." norms.Length statistics.Latest.Length)
        let first = statistics.Steps = 0
        let previous (values: float[]) i = if first then 0.0 else values[i]
        { statistics with
            Steps = statistics.Steps + 1
            Latest = norms
            InitialWeight = if first then norms |> Array.map _.Weight else statistics.InitialWeight
            LargestDistance = norms |> Array.mapi (fun i n -> max (previous statistics.LargestDistance i) n.Distance)
            GradientSquares = norms |> Array.mapi (fun i n -> previous statistics.GradientSquares i + decayedGradientSquare statistics.WeightDecay n) }
