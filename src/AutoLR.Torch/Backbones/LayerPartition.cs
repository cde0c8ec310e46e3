using static TorchSharp.torch;
using TorchSharp.Modules;

namespace AutoLR.Torch.Backbones;

/// <summary>A named set of parameters that shares one learning rate.</summary>
/// <param name="Name"><c>stem</c>, a block name such as <c>layer3.1</c>, or <c>head</c>.</param>
/// <param name="Parameters">Parameters with their names in <see cref="RetrievalNetwork"/> (<c>backbone.layer3.1.bn1.weight</c>).</param>
public record LayerGroup(string Name, IReadOnlyList<(string Name, Parameter Parameter)> Parameters);

/// <summary>Residual block k (1-based, input to output) as a layer group, with the weights eq. 1 measures.</summary>
/// <param name="Index">k, 1-based.</param>
/// <param name="Name">torchvision block name, e.g. <c>layer3.1</c>.</param>
/// <param name="Parameters">All the block's parameters, named as in <see cref="RetrievalNetwork"/>.</param>
/// <param name="VariationWeights">Main-path convolution weights (conv1/conv2(/conv3)); no BatchNorm, no shortcut projection.</param>
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
/// The one table (stem / block 1..K / head) that pruning, optimiser groups, variation measurement and logging read.
/// Every trainable parameter of the network is in exactly one group.
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

    /// <summary>Builds the partition by matching parameter names once (timm-style), failing if any parameter is left over.</summary>
    internal static LayerPartition Of(ResNetBackbone backbone, nn.Module head, string backbonePrefix, string headPrefix)
    {
        var stem = new List<(string, Parameter)>();
        var perBlock = backbone.BlockNames.ToDictionary(n => n, _ => new List<(string, Parameter)>());
        foreach (var (name, parameter) in backbone.named_parameters())
        {
            var block = perBlock.Keys.FirstOrDefault(b => name.StartsWith(b + ".", StringComparison.Ordinal));
            if (block is not null) perBlock[block].Add((backbonePrefix + name, parameter));
            else if (name.StartsWith("conv1.", StringComparison.Ordinal) || name.StartsWith("bn1.", StringComparison.Ordinal))
                stem.Add((backbonePrefix + name, parameter));
            else
                throw new InvalidOperationException($"Backbone parameter '{name}' belongs to no layer group; the partition must cover every parameter.");
        }

        var blocks = backbone.Blocks.Select((block, i) =>
        {
            var name = backbone.BlockNames[i];
            var measured = block.MainPathWeightNames
                .Select(local => perBlock[name].Single(p => p.Item1 == $"{backbonePrefix}{name}.{local}"))
                .ToArray();
            return new BlockGroup(i + 1, name, perBlock[name], measured);
        }).ToArray();

        var headParameters = head.named_parameters().Select(p => (headPrefix + p.name, p.parameter)).ToArray();
        return new LayerPartition(new LayerGroup("stem", stem), blocks, new LayerGroup("head", headParameters));
    }
}
