using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using static TorchSharp.torch;

namespace AutoLR.Torch.Training;

/// <summary>
/// What every normalisation of eq. 1 and every rule reads, measured on tensors once for all of them: per block, over
/// its main-path conv weights, the <see cref="BlockMeasurement"/> against the epoch's start. ‖W_start‖² is taken once,
/// when the start is; a trial then pays one pass for ΔW and one reduction each for Σ ΔW² and Σ ΔW·W_start, about what
/// eq. 1 alone cost before. Sums are in float32 per tensor (ATen's cascade sum for the squares, relative error ~1e-7;
/// BLAS's dot for ΔW·W_start, error ~1e-6 of ‖ΔW‖ ‖W_start‖), then in float64 across tensors.
/// </summary>
public sealed class BlockVariation
{
    private readonly LayerPartition _partition;
    private readonly TrainingSnapshot _start;
    private readonly double[] _startSquaredNorms;

    /// <param name="partition">The blocks and the weights each measures.</param>
    /// <param name="start">The epoch's start (not owned): it must not change while this measures against it.</param>
    public BlockVariation(LayerPartition partition, TrainingSnapshot start)
    {
        _partition = partition;
        _start = start;
        using var noGrad = no_grad();
        _startSquaredNorms = partition.Blocks.Select(block => block.VariationWeights.Sum(w =>
        {
            using var scope = NewDisposeScope();
            return (double)_start.Network[w.Name].square().sum().item<float>();
        })).ToArray();
    }

    /// <summary>Each block's measurement now against the start, blocks 1..K.</summary>
    public BlockMeasurement[] Measure()
    {
        using var noGrad = no_grad();
        return _partition.Blocks.Select((block, k) =>
        {
            double squared = 0, radial = 0;
            foreach (var (name, weight) in block.VariationWeights)
            {
                using var scope = NewDisposeScope();
                var start = _start.Network[name];
                var change = weight.sub(start);
                radial += change.reshape(-1).dot(start.reshape(-1)).item<float>();
                // (W − W_start)² element by element, then ATen's sum: the very operations of mse_loss(…, Sum), which
                // measured eq. 1 before, so traces stay bit for bit what they were.
                squared += change.pow_(2).sum().item<float>();
            }
            return new BlockMeasurement(block.VariationWeightCount, squared, _startSquaredNorms[k], radial);
        }).ToArray();
    }
}
