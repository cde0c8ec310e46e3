namespace AutoLR.Algorithms

/// Renewed block LRs with the clamps that bound them.
type LrRenewal =
    { /// η'_1..η'_K, each in [lrMin, lrMax].
      Lrs: float[]
      /// One LrClamped event per clamped block, input to output.
      Events: TrialEvent list }

module LrRenewal =
    /// Clamp each LR into [lrMin, lrMax], with an LrClamped event (1-based block) for every LR that moved.
    let clampLearningRates (lrMin: float) (lrMax: float) (lrs: float[]) : LrRenewal =
        let clamped = lrs |> Array.map (fun lr -> min lrMax (max lrMin lr))
        { Lrs = clamped
          Events = [ for i in 0 .. lrs.Length - 1 do
                         if clamped[i] <> lrs[i] then LrClamped (i + 1) ] }

    /// Eqs. 15–16: η'_k = η_k · target_k / v_k, then clamped into [lrMin, lrMax]. A block with v_k = 0 keeps η_k
    /// (eq. 15 has no answer for it). Since v_k ∝ η_k (eq. 8), the ratio is the same whether η is taken before or
    /// after a global multiplier common to all blocks. The ratio target/v is taken first, so a block on its target
    /// keeps its LR exactly and a block above (below) its target never gains (loses) LR to rounding.
    let renewLearningRates (lrMin: float) (lrMax: float) (lrs: float[]) (targets: float[]) (variations: float[]) : LrRenewal =
        if lrs.Length <> targets.Length || lrs.Length <> variations.Length then
            invalidArg (nameof lrs) $"LR renewal needs one LR, target and variation per block; got {lrs.Length} LRs, {targets.Length} targets, {variations.Length} variations."
        Array.init lrs.Length (fun i -> if variations[i] = 0.0 then lrs[i] else lrs[i] * (targets[i] / variations[i]))
        |> clampLearningRates lrMin lrMax
