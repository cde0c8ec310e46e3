using AutoLR.Torch.Backbones;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoLR.Torch.OwnLoop;

/// <summary>
/// The layer groups (stem / tuned layers 1..K / head) of a model trained in the user's own loop: the same
/// <see cref="LayerPartition"/> the command line trains with, so the optimiser's groups, the measurement of eq. 1 and
/// the trace read one table.
/// </summary>
public static class TunedLayers
{
    /// <summary>A network of a known backbone (ResNets, Inception-v3): its declared layout, nothing to give.</summary>
    public static LayerPartition Of(RetrievalNetwork network) => network.Partition;

    /// <summary>
    /// Any model, from the user's map of layer names to module-name prefixes (timm's <c>param_groups_layer_decay</c>
    /// table): a parameter belongs to a layer when its name (as in <c>named_parameters</c>) starts with one of the
    /// layer's modules and a dot. Layers are tuned in the order given, input to output; the stem's LR follows layer 1
    /// and the head's is fixed (<see cref="AutoLR.Algorithms.ControllerOptions"/>). Eq. 1 measures a layer's
    /// <see cref="LayerDeclaration.MeasuredWeights"/>; where none are declared, every weight of two or more dimensions
    /// (convolutions and linear maps, not normalisation scales or biases).
    /// </summary>
    /// <param name="model">The model whose parameters are grouped.</param>
    /// <param name="layout">The stem (its modules may be empty) and layers 1..K.</param>
    /// <param name="headModules">Module prefixes of the head: trained at the head LR, never tuned.</param>
    /// <exception cref="ArgumentException">A parameter belongs to no group or to two, a layer owns no parameter, or a
    /// declared measured weight is not among its layer's parameters.</exception>
    public static LayerPartition FromMap(nn.Module model, LayerLayout layout, IReadOnlyList<string> headModules)
    {
        if (layout.Layers.Count < 2)
            throw new ArgumentException($"AutoLR sorts layer changes, so it needs at least 2 tuned layers; the map has {layout.Layers.Count}.", nameof(layout));
        var head = new LayerDeclaration("head", headModules, []);
        var owners = layout.Layers.Prepend(layout.Stem).Append(head).ToArray();
        var members = owners.ToDictionary(o => o, _ => new List<(string, Parameter)>());
        foreach (var (name, parameter) in model.named_parameters())
        {
            var owning = owners.Where(o => o.Owns(name)).ToArray();
            if (owning.Length != 1)
                throw new ArgumentException(owning.Length == 0
                    ? $"Parameter '{name}' belongs to no layer of the map; add its module to the stem, a layer or the head."
                    : $"Parameter '{name}' belongs to {string.Join(" and ", owning.Select(o => o.Name))}; give each module to one group only.", nameof(layout));
            members[owning[0]].Add((name, parameter));
        }
        var blocks = layout.Layers.Select((layer, i) =>
        {
            var parameters = members[layer];
            if (parameters.Count == 0)
                throw new ArgumentException($"Layer '{layer.Name}' owns no parameter: no parameter name starts with {string.Join(" or ", layer.Modules.Select(m => $"'{m}.'"))}.", nameof(layout));
            var measured = layer.MeasuredWeights.Count == 0
                ? parameters.Where(p => p.Item1.EndsWith(".weight", StringComparison.Ordinal) && p.Item2.dim() >= 2).ToArray()
                : layer.MeasuredWeights.Select(w => parameters.SingleOrDefault(p => p.Item1 == w) is { Item2: not null } found
                    ? found
                    : throw new ArgumentException($"Layer '{layer.Name}' measures '{w}', which is not one of its parameters.", nameof(layout))).ToArray();
            if (measured.Length == 0)
                throw new ArgumentException($"Layer '{layer.Name}' has no weight of two or more dimensions to measure; declare its MeasuredWeights.", nameof(layout));
            return new BlockGroup(i + 1, layer.Name, parameters, measured);
        }).ToArray();
        return new LayerPartition(new LayerGroup(layout.Stem.Name, members[layout.Stem]), blocks, new LayerGroup("head", members[head]));
    }

    /// <summary>
    /// One optimiser parameter group per layer group, in the partition's order (stem, layers 1..K, head), the order
    /// <see cref="AutoLrTuner"/> sets LRs in. Give any TorchSharp optimiser's groups, e.g.
    /// <c>optim.AdamW(partition.ParamGroups(ps => new AdamW.ParamGroup(ps, new AdamW.Options { LearningRate = 0 })))</c>;
    /// make each group's options with its <c>Options</c> class so the optimiser's defaults fill the rest
    /// (<c>SGD.ParamGroup(params, lr)</c> would set momentum and weight decay to 0).
    /// </summary>
    public static IEnumerable<TGroup> ParamGroups<TGroup>(this LayerPartition partition, Func<IEnumerable<Parameter>, TGroup> group) =>
        partition.Groups.Select(g => group(g.Parameters.Select(p => p.Parameter).ToArray())).ToArray();
}
