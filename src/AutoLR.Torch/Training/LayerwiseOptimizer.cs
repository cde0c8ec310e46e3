using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoLR.Torch.Training;

/// <summary>
/// SGD with one parameter group per layer group, in the partition's order (stem, block 1..K, head), unless a
/// <see cref="GroupLayout"/> gives the stem's and blocks' vectors groups of their own (LARS). Groups are made
/// with <c>new SGD.Options { LearningRate = x }</c> so they inherit momentum, Nesterov and weight decay
/// (DESIGN.md §5: <c>SGD.ParamGroup(params, lr)</c> would silently zero them).
/// </summary>
public sealed class LayerwiseOptimizer : IDisposable
{
    private readonly SGD _sgd;
    private readonly SGD.ParamGroup[][] _layerGroups;

    /// <param name="partition">The network's layers; one group each (two for a layer whose vectors have their own).</param>
    /// <param name="options">Momentum, Nesterov and weight decay, which the groups inherit.</param>
    /// <param name="layout">How the groups depart from one per layer (a per-step schedule's needs); one per layer by default.</param>
    public LayerwiseOptimizer(LayerPartition partition, TrainingOptions options, GroupLayout? layout = null)
    {
        options.Validate();
        Partition = partition;
        layout ??= GroupLayout.PerLayer;
        var backbone = partition.BlockCount + 1;
        _layerGroups = partition.Groups.Select((g, i) =>
        {
            var inBackbone = i < backbone;
            SGD.Options Options(double lr) => inBackbone && layout.BackboneWithoutMomentum
                ? new SGD.Options { LearningRate = lr, momentum = 0, nesterov = false }
                : new SGD.Options { LearningRate = lr };
            var parameters = g.Parameters.Select(p => p.Parameter).ToArray();
            if (!inBackbone || layout.VectorLearningRate is not { } vectorLr)
                return new[] { new SGD.ParamGroup(parameters, Options(0.0)) };
            var vectors = parameters.Where(p => p.dim() <= 1).ToArray();
            return vectors.Length == 0
                ? [new SGD.ParamGroup(parameters, Options(0.0))]
                : [new SGD.ParamGroup(parameters.Where(p => p.dim() > 1), Options(0.0)), new SGD.ParamGroup(vectors, Options(vectorLr))];
        }).ToArray();
        _sgd = optim.SGD(_layerGroups.SelectMany(g => g), 0.0, options.Momentum, 0, options.WeightDecay, options.Nesterov);
    }

    public LayerPartition Partition { get; }

    /// <summary>The underlying optimiser, for <c>zero_grad</c> and <c>step</c>.</summary>
    public SGD Sgd => _sgd;

    /// <summary>
    /// (name, LR, momentum, Nesterov, weight decay) of each layer's group, stem first: what the groups really hold (a
    /// layer whose vectors have a group of their own, <see cref="GroupLayout.VectorLearningRate"/>: its weights' group).
    /// </summary>
    public IReadOnlyList<(string Name, double LearningRate, double Momentum, bool Nesterov, double WeightDecay)> GroupSettings =>
        Partition.Groups.Zip(_layerGroups, (g, p) =>
        {
            var o = (SGD.Options)p[0].Options;
            return (g.Name, o.LearningRate!.Value, o.momentum!.Value, o.nesterov!.Value, o.weight_decay!.Value);
        }).ToArray();

    /// <summary>
    /// Sets every layer's LR: stem, blocks 1..K, head (the groups of <see cref="GroupLayout.VectorLearningRate"/> keep theirs).
    /// </summary>
    public void SetLearningRates(TrialLearningRates rates)
    {
        if (rates.Blocks.Length != Partition.BlockCount)
            throw new ArgumentException($"{rates.Blocks.Length} block LRs given for {Partition.BlockCount} blocks.", nameof(rates));
        _layerGroups[0][0].Options.LearningRate = rates.Stem;
        for (var k = 0; k < rates.Blocks.Length; k++) _layerGroups[k + 1][0].Options.LearningRate = rates.Blocks[k];
        _layerGroups[^1][0].Options.LearningRate = rates.Head;
    }

    /// <summary>The live per-parameter SGD states, in group order; momentum buffers are null until the first step.</summary>
    internal IReadOnlyList<SGD.State> States => _sgd.state_dict().State.Cast<SGD.State>().ToArray();

    public void Dispose() => _sgd.Dispose();
}
