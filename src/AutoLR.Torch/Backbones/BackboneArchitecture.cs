using AutoLR.Torch.Data;
using AutoLR.Torch.Devices;

namespace AutoLR.Torch.Backbones;

/// <summary>
/// What every backbone architecture declares: its name, the input its pre-trained weights expect, its layer
/// partition (<see cref="LayerLayout"/>) and how to build it at a pruning depth. Parameter names are torchvision's,
/// so weight files map by name.
/// </summary>
/// <param name="Name">The architecture's name, e.g. <c>resnet50</c>.</param>
/// <param name="Input">The pixel convention its pre-trained weights expect.</param>
public abstract record BackboneArchitecture(string Name, InputConvention Input)
{
    /// <summary>The stem and layers 1..K, declared once; pruning, LR groups, eq. 1 and the trace read it.</summary>
    public abstract LayerLayout Layout { get; }

    /// <summary>Total tuned layers K before pruning.</summary>
    public int BlockCount => Layout.Count;

    /// <summary>The side, in pixels, its ImageNet weights were trained at.</summary>
    public abstract int InputSize { get; }

    /// <summary>The smallest side, in pixels, whose features still have at least one cell after the last layer.</summary>
    public abstract int MinimumInputSize { get; }

    /// <summary>
    /// Module-name prefixes of torchvision's classifiers (<c>fc</c>, Inception's <c>AuxLogits</c>): a weight file's
    /// keys under them are skipped and reported, since the head here is the retrieval head.
    /// </summary>
    public abstract IReadOnlyList<string> Classifiers { get; }

    /// <summary>The architecture in a few words for error messages, e.g. "bottleneck blocks [3, 4, 6, 3]".</summary>
    public abstract string Describe();

    /// <summary>
    /// How its strided 1×1 projections are computed (<see cref="StridedProjections"/>); <c>spec with { Projection = ... }</c>
    /// builds the other path. Architectures without such projections ignore it.
    /// </summary>
    public StridedProjection Projection { get; init; } = StridedProjection.Direct;

    /// <summary>Input and output channels of each of its strided 1×1 projections, none by default.</summary>
    public virtual IReadOnlyList<(long In, long Out)> StridedProjectionChannels => [];

    /// <summary>A randomly initialised backbone with the top <paramref name="pruningDepth"/> layers removed, 0 ≤ p &lt; K.</summary>
    public abstract Backbone Build(int pruningDepth = 0);
}
