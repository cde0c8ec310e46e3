using TorchSharp;
using static TorchSharp.torch;

namespace AutoLR.Torch.Backbones;

/// <summary>
/// A backbone of some <see cref="BackboneArchitecture"/> with its top <see cref="PruningDepth"/> layers removed
/// (Algorithm 1): removed layers are never built, so they are neither kept nor run. <c>forward</c> returns the
/// global-average-pooled output of the last kept layer, [B, <see cref="EmbeddingWidth"/>], before any normalisation.
/// <c>state_dict()</c> keys are torchvision's, with no classifier: the head lives in <see cref="RetrievalNetwork"/>.
/// </summary>
public abstract class Backbone : nn.Module<Tensor, Tensor>
{
    protected Backbone(BackboneArchitecture architecture, int pruningDepth) : base(architecture.Name)
    {
        var k = architecture.BlockCount;
        if (pruningDepth < 0 || pruningDepth >= k)
            throw new ArgumentOutOfRangeException(nameof(pruningDepth), pruningDepth,
                $"{architecture.Name} has {k} blocks: the pruning depth must be in 0..{k - 1} (at least one block stays).");
        Architecture = architecture;
        PruningDepth = pruningDepth;
        KeptLayers = architecture.Layout.Kept(pruningDepth);
        BlockNames = KeptLayers.Select(l => l.Name).ToArray();
        RemovedBlockNames = architecture.Layout.Removed(pruningDepth).Select(l => l.Name).ToArray();
    }

    public BackboneArchitecture Architecture { get; }

    /// <summary>Top layers removed, p of Algorithm 1.</summary>
    public int PruningDepth { get; }

    /// <summary>Width d of the pooled embedding: the output channels of the last kept layer.</summary>
    public abstract long EmbeddingWidth { get; }

    /// <summary>The declarations of the kept layers 1..K − p, input to output.</summary>
    public IReadOnlyList<LayerDeclaration> KeptLayers { get; }

    /// <summary>The kept layers' modules in forward order (layer k is <c>Blocks[k − 1]</c>).</summary>
    public abstract IReadOnlyList<nn.Module<Tensor, Tensor>> Blocks { get; }

    /// <summary>Names of the kept layers in forward order, e.g. <c>layer3.1</c>.</summary>
    public IReadOnlyList<string> BlockNames { get; }

    /// <summary>Names of the layers pruning removed, e.g. <c>layer4.0</c>, <c>layer4.1</c>.</summary>
    public IReadOnlyList<string> RemovedBlockNames { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return Features(input).mean([2L, 3L]).MoveToOuterDisposeScope();
    }

    /// <summary>The last kept layer's output, [B, <see cref="EmbeddingWidth"/>, h, w]: what <c>forward</c> pools.</summary>
    public abstract Tensor Features(Tensor input);
}
