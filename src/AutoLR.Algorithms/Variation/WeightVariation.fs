namespace AutoLR.Algorithms

/// The divisor of eq. 1.
type Normalisation =
    /// v = ||ΔW|| / n, the paper's eq. 1.
    | PerWeight
    /// v = ||ΔW|| / sqrt n, the RMS change; does not make wide blocks look still.
    | PerSqrtWeight

/// A block's change over one epoch, as the Torch layer measures it: Σ (W_end − W_start)² over the block's
/// main-path convolution weights, and how many weights that sum covers.
type BlockChange = { SquaredChange: float; WeightCount: int64 }

module WeightVariation =
    /// Eq. 1: v_k = ||Δw_k||₂ / n_k (PerWeight) or ||Δw_k||₂ / sqrt n_k (PerSqrtWeight),
    /// with ||Δw_k||₂ = sqrt SquaredChange and n_k = WeightCount (must be positive).
    let weightVariation (normalisation: Normalisation) (change: BlockChange) : float =
        if change.WeightCount <= 0L then
            invalidArg (nameof change) $"WeightCount must be positive, got {change.WeightCount}: a block without main-path convolution weights cannot be measured."
        let norm = sqrt change.SquaredChange
        let n = float change.WeightCount
        match normalisation with
        | PerWeight -> norm / n
        | PerSqrtWeight -> norm / sqrt n

    /// Eq. 1 for every block, input to output.
    let weightVariations (normalisation: Normalisation) (changes: BlockChange[]) : float[] =
        Array.map (weightVariation normalisation) changes
