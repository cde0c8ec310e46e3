using AutoLR.Algorithms;

namespace AutoLR.Experiments.Stages;

/// <summary>One layer's <see cref="LayerStepNorms"/> in a checkpoint.</summary>
public sealed record LayerStepNormsJson(double Weight, double Gradient, double GradientDotWeight, double Distance);

/// <summary>
/// The F# <see cref="StepStatistics"/> of a per-step schedule (L-DoG's running distance and gradient sums) as a plain
/// JSON shape for checkpoints. Doubles round-trip exactly through System.Text.Json, so a resumed run steps as the
/// original would.
/// </summary>
public sealed record StepStatisticsJson(
    double WeightDecay, int Steps, LayerStepNormsJson[] Latest, double[] InitialWeight, double[] LargestDistance, double[] GradientSquares)
{
    public static StepStatisticsJson From(StepStatistics s) => new(
        s.WeightDecay, s.Steps, [.. s.Latest.Select(n => new LayerStepNormsJson(n.Weight, n.Gradient, n.GradientDotWeight, n.Distance))],
        s.InitialWeight, s.LargestDistance, s.GradientSquares);

    public StepStatistics ToStatistics() => new(
        WeightDecay, Steps, [.. Latest.Select(n => new LayerStepNorms(n.Weight, n.Gradient, n.GradientDotWeight, n.Distance))],
        InitialWeight, LargestDistance, GradientSquares);
}
