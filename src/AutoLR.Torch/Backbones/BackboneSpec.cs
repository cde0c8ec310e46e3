using AutoLR.Torch.Data;

namespace AutoLR.Torch.Backbones;

/// <summary>Residual block kind: two 3×3 convolutions (ResNet-18/34) or 1×1–3×3–1×1 with expansion 4 (ResNet-50/101).</summary>
public enum BlockKind { Basic, Bottleneck }

/// <summary>
/// Everything that distinguishes one ResNet backbone from another: block kind, blocks per stage, how its stride-2
/// layers pad and the input convention its pre-trained weights expect. Parameter names always follow torchvision
/// (<c>conv1.weight</c>, <c>layer2.0.downsample.0.weight</c>, ...), so weight files map by name.
/// </summary>
public sealed record BackboneSpec(
    string Name,
    BlockKind Block,
    int[] BlocksPerStage,
    DownsamplePadding Padding,
    InputConvention Input)
{
    /// <summary>Total residual blocks K before pruning.</summary>
    public int BlockCount => BlocksPerStage.Sum();

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
