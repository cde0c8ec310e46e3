namespace AutoLR.Algorithms

/// A normalisation of eq. 1: the variation v_k of a block from its measurement, with the name configuration uses
/// and a one-line description for help. The choices are `Normalisations.all`.
type Normalisation = { Name: string; Description: string; Variation: BlockMeasurement -> float }

module WeightVariation =
    let private isFinite (x: float) = not (System.Double.IsNaN x || System.Double.IsInfinity x)

    let private startNorm (m: BlockMeasurement) =
        if not (m.StartSquaredNorm > 0.0) then
            invalidArg (nameof m) $"A block's weights have ‖W_start‖² = {m.StartSquaredNorm} at the epoch's start, so a variation relative to them is undefined; use the per-weight or per-sqrt-weight normalisation for this network."
        sqrt m.StartSquaredNorm

    /// Eq. 1 as printed: v = ‖ΔW‖ / n.
    let perWeight (m: BlockMeasurement) : float = sqrt m.SquaredChange / float m.WeightCount

    /// v = ‖ΔW‖ / √n, the RMS change, which does not make wide blocks look still.
    let perSqrtWeight (m: BlockMeasurement) : float = sqrt m.SquaredChange / sqrt (float m.WeightCount)

    /// v = ‖ΔW‖ / ‖W_start‖: unchanged when W_start and W_end are scaled alike, the quantity LARS, LAMB and Fromage
    /// control. A block behind BatchNorm computes the same function at any scale of its weights, so this is its change
    /// in what it computes, where ‖ΔW‖ alone also counts the drift of its scale.
    let relative (m: BlockMeasurement) : float = sqrt m.SquaredChange / startNorm m

    /// v = the angle between W_start and W_end, in radians, scale-invariant like `relative`. Not from
    /// 1 − cos = 1 − W_start·W_end / (‖W_start‖ ‖W_end‖): from float32 sums that difference cancels to noise for the
    /// small angles an epoch turns a block by (at 10⁻³ rad, 1 − cos = 5·10⁻⁷ is a few float32 ulps of 1). Split ΔW
    /// into its radial part r/‖W_start‖ (r = ΔW·W_start) and its tangential part t, t² = ‖ΔW‖² − r²/‖W_start‖²
    /// (Pythagoras); then θ = atan2(t, ‖W_start‖ + r/‖W_start‖). The error of θ relative to θ is then that of the sums
    /// divided by sin² of the angle between ΔW and W_start, whatever the size of θ (tests/Properties, AngleAccuracy).
    /// NaN when the change is not finite (a diverged trial has no angle), or when W_end = 0.
    let angular (m: BlockMeasurement) : float =
        if not (isFinite m.SquaredChange && isFinite m.RadialChange) then nan
        else
            let norm = startNorm m
            let radial = m.RadialChange / norm
            let tangentialSquared = m.SquaredChange - radial * radial
            // Rounding can leave a purely radial change slightly below zero; it has no tangential part.
            let tangential = if tangentialSquared > 0.0 then sqrt tangentialSquared else 0.0
            let along = norm + radial
            if along = 0.0 && tangential = 0.0 then nan else atan2 tangential along

    /// v_k of every block, input to output, by `normalisation`. Throws ArgumentException for a block with no weights
    /// (WeightCount ≤ 0): it cannot be measured.
    let variations (normalisation: Normalisation) (measurements: BlockMeasurement[]) : float[] =
        measurements
        |> Array.mapi (fun i m ->
            if m.WeightCount <= 0L then
                invalidArg (nameof measurements) $"Block {i + 1} has WeightCount {m.WeightCount}: a block without main-path convolution weights cannot be measured."
            normalisation.Variation m)
