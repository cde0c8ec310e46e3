using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using static TorchSharp.torch;

namespace AutoLR.Torch.Training;

/// <summary>
/// What every normalisation of eq. 1 and every rule reads, measured on tensors once for all of them: per block, over
/// its main-path conv weights, the <see cref="BlockMeasurement"/> against the epoch's start. ‖W_start‖² is taken once,
/// when the start is; a trial then pays one pass for ΔW and one reduction each for Σ ΔW² and Σ ΔW·W_start. ΔW goes to
/// one scratch tensor as long as the largest weight, reused across trials and epochs (no allocation, so no page faults,
/// per trial). Sums are in float32 per tensor (ATen's cascade sum for the squares, relative error ~1e-7; BLAS's dot for
/// ΔW·W_start, error ~1e-6 of ‖ΔW‖ ‖W_start‖), then in float64 across tensors. Holds the scratch tensor; dispose it.
/// </summary>
public sealed class BlockVariation : IDisposable
{
    private readonly LayerPartition _partition;
    private readonly Tensor _scratch;
    private IReadOnlyDictionary<string, Tensor>? _start;
    private double[] _startSquaredNorms = [];

    /// <param name="partition">The blocks and the weights each measures.</param>
    public BlockVariation(LayerPartition partition)
    {
        _partition = partition;
        var weights = partition.Blocks.SelectMany(b => b.VariationWeights).Select(w => w.Parameter).ToArray();
        _scratch = empty(weights.Max(w => w.numel()), weights[0].dtype, weights[0].device).DetachFromDisposeScope();
    }

    /// <summary>Measures against <paramref name="start"/> from now on (the epoch's start, not owned, unchanged while it
    /// is measured against) and takes ‖W_start‖² of every block.</summary>
    public void StartAt(TrainingSnapshot start) => StartAt(start.Network);

    /// <summary>Measures against <paramref name="start"/>, the network's state by state_dict name (not owned, unchanged
    /// while it is measured against), and takes ‖W_start‖² of every block.</summary>
    internal void StartAt(IReadOnlyDictionary<string, Tensor> start)
    {
        _start = start;
        using var noGrad = no_grad();
        _startSquaredNorms = _partition.Blocks.Select(block => block.VariationWeights.Sum(w =>
        {
            using var scope = NewDisposeScope();
            var weight = start[w.Name];
            return (double)Scratch(weight).copy_(weight).pow_(2).sum().item<float>();
        })).ToArray();
    }

    /// <summary>Each block's measurement now against the start, blocks 1..K.</summary>
    public BlockMeasurement[] Measure()
    {
        var start = _start ?? throw new InvalidOperationException("Nothing to measure against: call StartAt with the epoch's start first.");
        using var noGrad = no_grad();
        return _partition.Blocks.Select((block, k) =>
        {
            double squared = 0, radial = 0;
            foreach (var (name, weight) in block.VariationWeights)
            {
                using var scope = NewDisposeScope();
                var origin = start[name];
                var change = Scratch(weight).copy_(weight).sub_(origin);
                radial += change.reshape(-1).dot(origin.reshape(-1)).item<float>();
                // (W − W_start)² element by element, then ATen's sum: the very operations of mse_loss(…, Sum), which
                // measured eq. 1 before, so traces stay bit for bit what they were.
                squared += change.pow_(2).sum().item<float>();
            }
            return new BlockMeasurement(block.VariationWeightCount, squared, _startSquaredNorms[k], radial);
        }).ToArray();
    }

    /// <summary>The scratch tensor's first elements as a contiguous tensor of <paramref name="like"/>'s shape.</summary>
    private Tensor Scratch(Tensor like) => _scratch.narrow(0, 0, like.numel()).view(like.shape);

    public void Dispose() => _scratch.Dispose();
}
