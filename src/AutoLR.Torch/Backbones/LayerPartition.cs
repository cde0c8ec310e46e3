using static TorchSharp.torch;
using TorchSharp.Modules;

namespace AutoLR.Torch.Backbones;

/// <summary>A named set of parameters that shares one learning rate.</summary>
/// <param name="Name"><c>stem</c>, a layer name such as <c>layer3.1</c> or <c>Mixed_6b</c>, or <c>head</c>.</param>
/// <param name="Parameters">Parameters with their names in <see cref="RetrievalNetwork"/> (<c>backbone.layer3.1.bn1.weight</c>).</param>
public record LayerGroup(string Name, IReadOnlyList<(string Name, Parameter Parameter)> Parameters);

/// <summary>
/// Tuned layer k (1-based, input to output; a residual block, an Inception module) as a layer group, with the
/// weights eq. 1 measures.
/// </summary>
/// <param name="Index">k, 1-based.</param>
/// <param name="Name">The layer's declared name, e.g. <c>layer3.1</c>, <c>Mixed_6b</c>.</param>
/// <param name="Parameters">All the layer's parameters, named as in <see cref="RetrievalNetwork"/>.</param>
/// <param name="VariationWeights">The weights eq. 1 measures, as the layout declares them (a ResNet block's main-path convolutions).</param>
public sealed record BlockGroup(
    int Index,
    string Name,
    IReadOnlyList<(string Name, Parameter Parameter)> Parameters,
    IReadOnlyList<(string Name, Parameter Parameter)> VariationWeights) : LayerGroup(Name, Parameters)
{
    /// <summary>n_k of eq. 1.</summary>
    public long VariationWeightCount => VariationWeights.Sum(w => w.Parameter.numel());
}

/// <summary>
/// The one table (stem / block 1..K / head) that optimiser groups, variation measurement and logging read: the
/// backbone's declared <see cref="LayerLayout"/> applied to its parameters. Every trainable parameter of the
/// network is in exactly one group.
/// </summary>
public sealed class LayerPartition
{
    internal LayerPartition(LayerGroup stem, IReadOnlyList<BlockGroup> blocks, LayerGroup head)
    {
        Stem = stem;
        Blocks = blocks;
        Head = head;
    }

    public LayerGroup Stem { get; }

    /// <summary>Blocks 1..K in forward order.</summary>
    public IReadOnlyList<BlockGroup> Blocks { get; }

    public LayerGroup Head { get; }

    /// <summary>K, the number of tuned layers.</summary>
    public int BlockCount => Blocks.Count;

    /// <summary>Block names for the trace's <c>layers</c> field.</summary>
    public string[] BlockNames => Blocks.Select(b => b.Name).ToArray();

    /// <summary>Stem, blocks 1..K, head: the order of the optimiser's parameter groups.</summary>
    public IEnumerable<LayerGroup> Groups => Blocks.Cast<LayerGroup>().Prepend(Stem).Append(Head);

    /// <summary>
    /// Builds the partition from the backbone's <see cref="LayerLayout"/> by matching parameter names once
    /// (timm-style), in <c>named_parameters</c> order, failing if any parameter is left over or a measured weight
    /// is not there.
    /// </summary>
    internal static LayerPartition Of(Backbone backbone, nn.Module head, string backbonePrefix, string headPrefix)
    {
        var stemDeclaration = backbone.Architecture.Layout.Stem;
        var stem = new List<(string, Parameter)>();
        var perLayer = backbone.KeptLayers.ToDictionary(l => l.Name, _ => new List<(string, Parameter)>());
        foreach (var (name, parameter) in backbone.named_parameters())
        {
            var layer = backbone.KeptLayers.FirstOrDefault(l => l.Owns(name));
            if (layer is not null) perLayer[layer.Name].Add((backbonePrefix + name, parameter));
            else if (stemDeclaration.Owns(name)) stem.Add((backbonePrefix + name, parameter));
            else
                throw new InvalidOperationException($"Backbone parameter '{name}' belongs to no layer of {backbone.Architecture.Name}'s layout; the layout must cover every parameter.");
        }

        var blocks = backbone.KeptLayers.Select((layer, i) =>
        {
            var measured = layer.MeasuredWeights
                .Select(weight => perLayer[layer.Name].SingleOrDefault(p => p.Item1 == backbonePrefix + weight) is { Item2: not null } found
                    ? found
                    : throw new InvalidOperationException($"{backbone.Architecture.Name}'s layout measures '{weight}' in layer {layer.Name}, but that layer has no such parameter; fix the declaration."))
                .ToArray();
            return new BlockGroup(i + 1, layer.Name, perLayer[layer.Name], measured);
        }).ToArray();

        var headParameters = head.named_parameters().Select(p => (headPrefix + p.name, p.parameter)).ToArray();
        return new LayerPartition(new LayerGroup(stemDeclaration.Name, stem), blocks, new LayerGroup("head", headParameters));
    }
}
