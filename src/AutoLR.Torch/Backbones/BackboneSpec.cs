using AutoLR.Torch.Data;

namespace AutoLR.Torch.Backbones;

/// <summary>Residual block kind: two 3×3 convolutions (ResNet-18/34) or 1×1–3×3–1×1 with expansion 4 (ResNet-50/101).</summary>
public enum BlockKind { Basic, Bottleneck }

/// <summary>
/// Everything that distinguishes one ResNet backbone from another: block kind, blocks per stage, how its stride-2
/// layers pad and the input convention its pre-trained weights expect. Parameter names always follow torchvision
/// (<c>conv1.weight</c>, <c>layer2.0.downsample.0.weight</c>, ...), so weight files map by name.
/// Layers: the stem is <c>conv1</c> + <c>bn1</c>; each residual block is one tuned layer, and eq. 1 measures its
/// main-path convolutions (<c>conv1</c>, <c>conv2</c>, <c>conv3</c>), not BatchNorm and not the shortcut projection
/// (DESIGN.md §2).
/// </summary>
public sealed record BackboneSpec(
    string Name,
    BlockKind Block,
    int[] BlocksPerStage,
    DownsamplePadding Padding,
    InputConvention Input) : BackboneArchitecture(Name, Input)
{
    // Computed on each read, not cached: `spec with { BlocksPerStage = ... }` must not carry a stale layout.
    public override LayerLayout Layout => new(
        new LayerDeclaration("stem", ["conv1", "bn1"], []),
        ResNetBackbone.AllBlockNames(this).Select(Declare).ToArray());

    public override int InputSize => 224;

    /// <summary>Every convolution and pool pads, so even 1 px leaves one cell at the end.</summary>
    public override int MinimumInputSize => 1;

    public override IReadOnlyList<string> Classifiers => ["fc"];

    public override string Describe() => $"{Block.ToString().ToLowerInvariant()} blocks [{string.Join(", ", BlocksPerStage)}]";

    public override Backbone Build(int pruningDepth = 0) => new ResNetBackbone(this, pruningDepth);

    /// <summary>Stages 2, 3, ... open with a stride-2 projection from the previous stage's width to theirs.</summary>
    public override IReadOnlyList<(long In, long Out)> StridedProjectionChannels =>
        [.. Enumerable.Range(1, Math.Max(0, ResNetBackbone.StageCount(this) - 1))
            .Select(stage => (ResNetBackbone.StageOutputChannels(this, stage - 1), ResNetBackbone.StageOutputChannels(this, stage)))];

    private LayerDeclaration Declare(string block)
    {
        var convolutions = Block == BlockKind.Basic ? 2 : 3;
        return new(block, [block], Enumerable.Range(1, convolutions).Select(i => $"{block}.conv{i}.weight").ToArray());
    }

    public static BackboneSpec ResNet18 { get; } = new("resnet18", BlockKind.Basic, [2, 2, 2, 2], DownsamplePadding.Symmetric, InputConvention.TorchvisionImageNet);
    public static BackboneSpec ResNet34 { get; } = new("resnet34", BlockKind.Basic, [3, 4, 6, 3], DownsamplePadding.Symmetric, InputConvention.TorchvisionImageNet);
    public static BackboneSpec ResNet50 { get; } = new("resnet50", BlockKind.Bottleneck, [3, 4, 6, 3], DownsamplePadding.Symmetric, InputConvention.TorchvisionImageNet);
    public static BackboneSpec ResNet101 { get; } = new("resnet101", BlockKind.Bottleneck, [3, 4, 23, 3], DownsamplePadding.Symmetric, InputConvention.TorchvisionImageNet);

    /// <summary>
    /// The ImageNet ResNet-18 of NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 (CNTK export): basic blocks
    /// [2, 2, 2, 3], CNTK same-padding (<see cref="DownsamplePadding.CntkSame"/>), BGR on 0–255 minus a per-pixel
    /// mean image, no std division. The mean image is read (once, on first use) from the package's preprocessing
    /// model next to the assemblies; see <see cref="Weights.CntkResNet18Import"/> for the weights and for models
    /// elsewhere.
    /// </summary>
    public static BackboneSpec CntkResNet18 => Weights.CntkResNet18Import.Default;
}
