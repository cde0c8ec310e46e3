using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoLR.Torch.Training;

/// <summary>
/// SGD with one parameter group per layer group, in the partition's order (stem, block 1..K, head). Groups are made
/// with <c>new SGD.Options { LearningRate = x }</c> so they inherit momentum, Nesterov and weight decay
/// (DESIGN.md §5: <c>SGD.ParamGroup(params, lr)</c> would silently zero them).
/// </summary>
public sealed class LayerwiseOptimizer : IDisposable
{
    private readonly SGD _sgd;
    private readonly SGD.ParamGroup[] _groups;

    public LayerwiseOptimizer(LayerPartition partition, TrainingOptions options)
    {
        options.Validate();
        Partition = partition;
        _groups = partition.Groups
            .Select(g => new SGD.ParamGroup(g.Parameters.Select(p => p.Parameter), new SGD.Options { LearningRate = 0.0 }))
            .ToArray();
        _sgd = optim.SGD(_groups, 0.0, options.Momentum, 0, options.WeightDecay, options.Nesterov);
    }

    public LayerPartition Partition { get; }

    /// <summary>The underlying optimiser, for <c>zero_grad</c> and <c>step</c>.</summary>
    public SGD Sgd => _sgd;

    /// <summary>(name, LR, momentum, Nesterov, weight decay) of each group, stem first: what the groups really hold.</summary>
    public IReadOnlyList<(string Name, double LearningRate, double Momentum, bool Nesterov, double WeightDecay)> GroupSettings =>
        Partition.Groups.Zip(_groups, (g, p) =>
        {
            var o = (SGD.Options)p.Options;
            return (g.Name, o.LearningRate!.Value, o.momentum!.Value, o.nesterov!.Value, o.weight_decay!.Value);
        }).ToArray();

    /// <summary>Sets every group's LR: stem, blocks 1..K, head.</summary>
    public void SetLearningRates(TrialLearningRates rates)
    {
        if (rates.Blocks.Length != Partition.BlockCount)
            throw new ArgumentException($"{rates.Blocks.Length} block LRs given for {Partition.BlockCount} blocks.", nameof(rates));
        _groups[0].Options.LearningRate = rates.Stem;
        for (var k = 0; k < rates.Blocks.Length; k++) _groups[k + 1].Options.LearningRate = rates.Blocks[k];
        _groups[^1].Options.LearningRate = rates.Head;
    }

    /// <summary>The live per-parameter SGD states, in group order; momentum buffers are null until the first step.</summary>
    internal IReadOnlyList<SGD.State> States => _sgd.state_dict().State.Cast<SGD.State>().ToArray();

    public void Dispose() => _sgd.Dispose();
}
