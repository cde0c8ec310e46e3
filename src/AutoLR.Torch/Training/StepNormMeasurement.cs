using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoLR.Torch.Training;

/// <summary>
/// The per-step schedules' measurement (<see cref="StepAdaptation"/>): after a batch's backward pass and before the
/// optimizer's step, ‖w‖ and ‖g‖ of the stem and of each block — and for DoG ⟨g, w⟩ and ‖w − w_0‖ — over the
/// parameters the schedule names: the weight tensors (dimension &gt; 1) for LARS, every parameter for DoG. w_0 is
/// copied when the measurement is made (the start of the fine-tune), and only for DoG. The F# schedule folds the
/// numbers into LRs (<see cref="StepStatisticsModule.observe"/>). Owns the copy of w_0; dispose it.
/// </summary>
public sealed class StepNormMeasurement : IDisposable
{
    private readonly (Parameter Parameter, Tensor? Origin)[][] _layers;
    private readonly bool _dogTerms;

    /// <param name="partition">The network's layers; the stem and blocks are measured, the head is not.</param>
    /// <param name="adaptation">Which parameters, and whether DoG's terms (⟨g, w⟩, distances from the start) are needed.</param>
    public StepNormMeasurement(LayerPartition partition, StepAdaptation adaptation)
    {
        if (adaptation.IsNotPerStep) throw new ArgumentException("A schedule that adapts nothing per step measures nothing.", nameof(adaptation));
        var weightsOnly = adaptation.IsTrustRatioOfWeights;
        _dogTerms = adaptation.IsDistanceOverGradientsOfLayers;
        using var noGrad = no_grad();
        LayerGroup[] layers = [partition.Stem, .. partition.Blocks];
        _layers = layers
            .Select(l => l.Parameters
                .Where(p => !weightsOnly || p.Parameter.dim() > 1)
                .Select(p => (p.Parameter, _dogTerms ? p.Parameter.detach().clone().DetachFromDisposeScope() : null))
                .ToArray())
            .ToArray();
    }

    /// <summary>The norms of the stem (index 0) and blocks 1..K now; call it between backward and step.</summary>
    public LayerStepNorms[] Measure()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return _layers.Select(layer =>
        {
            double weight = 0, gradient = 0, dot = 0, distance = 0;
            // Sums of squares rather than norm(): torch's sum reduces in cascade (float32 error ~ ε log n), its norm
            // kernel measurably less precisely on million-weight layers (10⁻⁵ relative). LARS reads ‖w‖ and ‖g‖ alone
            // and skips ⟨g, w⟩, leaving it 0.
            foreach (var (parameter, origin) in layer)
            {
                var w = parameter.detach();
                weight += w.square().sum().item<float>();
                if (parameter.grad is { } g)
                {
                    gradient += g.square().sum().item<float>();
                    if (_dogTerms) dot += (g * w).sum().item<float>();
                }
                if (origin is not null) distance += (w - origin).square().sum().item<float>();
            }
            return new LayerStepNorms(Math.Sqrt(weight), Math.Sqrt(gradient), dot, Math.Sqrt(distance));
        }).ToArray();
    }

    public void Dispose()
    {
        foreach (var layer in _layers)
        foreach (var (_, origin) in layer) origin?.Dispose();
    }
}
