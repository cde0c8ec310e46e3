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
    /// Eq. 1: v_k = ||Δw_k||₂ / n_k (PerWeight) or ||Δw_k||₂ / sqrt n_k (PerSqrtWeight).
    let weightVariation (normalisation: Normalisation) (change: BlockChange) : float =
        failwith "contract stub: implemented in the foundation issue"
