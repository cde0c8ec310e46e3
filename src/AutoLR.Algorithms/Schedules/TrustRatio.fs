namespace AutoLR.Algorithms

/// LARS's layer-wise trust ratio (You, Gitman & Ginsburg, "Large Batch Training of Convolutional Networks", 2017,
/// Algorithm 1): the local LR of a layer is λ = η · ‖w‖ / (‖∇L(w)‖ + β · ‖w‖), η the trust coefficient, β the weight
/// decay; the layer then steps with the global LR times λ.
module TrustRatio =
    /// λ for one layer's norms. A layer whose weights or gradient have norm 0 gets 1, as the reference implementations
    /// do (a zero ratio would freeze a layer that is only momentarily without gradient; an undefined one is no LR).
    let trustRatio (trustCoefficient: float) (weightDecay: float) (norms: LayerStepNorms) : float =
        if norms.Weight > 0.0 && norms.Gradient > 0.0 then
            trustCoefficient * norms.Weight / (norms.Gradient + weightDecay * norms.Weight)
        else 1.0
