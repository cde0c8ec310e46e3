using AutoLR.Algorithms;

namespace AutoLR.Torch.Training;

/// <summary>
/// How <see cref="LayerwiseOptimizer"/>'s parameter groups depart from one group per layer, as a per-step schedule
/// needs (<see cref="StepAdaptation"/>).
/// </summary>
/// <param name="VectorLearningRate">
/// LARS: the stem's and blocks' parameters of dimension ≤ 1 (BatchNorm scales and shifts, biases) get groups of their
/// own held at this LR, out of the trust ratio; null keeps them with their layer.
/// </param>
/// <param name="BackboneWithoutMomentum">DoG: the stem and blocks step as plain SGD (momentum 0, no Nesterov).</param>
public sealed record GroupLayout(double? VectorLearningRate = null, bool BackboneWithoutMomentum = false)
{
    /// <summary>One group per layer, every group with the engine's momentum.</summary>
    public static GroupLayout PerLayer { get; } = new();

    /// <summary>The layout <paramref name="adaptation"/> needs, with <paramref name="baseLr"/> for LARS's vectors.</summary>
    public static GroupLayout For(StepAdaptation adaptation, double baseLr) =>
        adaptation.IsTrustRatioOfWeights ? new GroupLayout(VectorLearningRate: baseLr)
        : adaptation.IsDistanceOverGradientsOfLayers ? new GroupLayout(BackboneWithoutMomentum: true)
        : PerLayer;
}
