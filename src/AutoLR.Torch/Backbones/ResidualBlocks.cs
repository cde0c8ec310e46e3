using TorchSharp;
using AutoLR.Torch.Devices;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace AutoLR.Torch.Backbones;

/// <summary>
/// One residual block in torchvision's layout. Submodule names match torchvision's state_dict keys
/// (<c>conv1</c>, <c>bn1</c>, ..., <c>downsample.0</c>, <c>downsample.1</c>), so pre-trained weights map by name.
/// </summary>
public abstract class ResidualBlock : nn.Module<Tensor, Tensor>
{
    protected ResidualBlock(string name) : base(name) { }

    /// <summary>Channels this block outputs.</summary>
    public abstract long OutputChannels { get; }

    /// <summary>
    /// The 1×1 projection + BatchNorm that torchvision adds where the shape changes, or null. A 1×1 window needs no
    /// padding under either <see cref="DownsamplePadding"/>: at stride 2 its centres are pixels 0, 2, 4, ... in both.
    /// On the <see cref="StridedProjection.Subsampled"/> path the convolution has stride 1 and
    /// <see cref="ProjectionInput"/> takes those pixels first; its weights are the same tensor either way.
    /// </summary>
    internal static Sequential? Projection(long inputChannels, long outputChannels, long stride, StridedProjection path) =>
        stride == 1 && inputChannels == outputChannels
            ? null
            : nn.Sequential(
                ("0", nn.Conv2d(inputChannels, outputChannels, 1, stride: path == StridedProjection.Direct ? stride : 1, bias: false)),
                ("1", nn.BatchNorm2d(outputChannels)));

    /// <summary>
    /// What the projection convolution reads: the block's input, or on the <see cref="StridedProjection.Subsampled"/>
    /// path its pixels at rows and columns 0, s, 2s, ..., the centres a stride-s 1×1 window visits.
    /// </summary>
    internal static Tensor ProjectionInput(Tensor input, long stride, StridedProjection path) =>
        path == StridedProjection.Direct || stride == 1
            ? input
            : input.slice(2, 0, input.shape[2], stride).slice(3, 0, input.shape[3], stride);
}

/// <summary>ResNet-18/34 block: 3×3 → 3×3, expansion 1.</summary>
public sealed class BasicBlock : ResidualBlock
{
    private readonly Conv2d conv1, conv2;
    private readonly BatchNorm2d bn1, bn2;
    private readonly Sequential? downsample;
    private readonly WindowPadding stridedPadding;
    private readonly long stride;
    private readonly StridedProjection projectionPath;

    public BasicBlock(long inputChannels, long width, long stride, DownsamplePadding padding = DownsamplePadding.Symmetric,
        StridedProjection projectionPath = StridedProjection.Direct) : base(nameof(BasicBlock))
    {
        this.stride = stride;
        this.projectionPath = projectionPath;
        stridedPadding = WindowPadding.For(padding, 3, stride);
        conv1 = nn.Conv2d(inputChannels, width, 3, stride: stride, padding: stridedPadding.Built, bias: false);
        bn1 = nn.BatchNorm2d(width);
        conv2 = nn.Conv2d(width, width, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(width);
        downsample = Projection(inputChannels, width, stride, projectionPath);
        OutputChannels = width;
        register_module("conv1", conv1);
        register_module("bn1", bn1);
        register_module("conv2", conv2);
        register_module("bn2", bn2);
        if (downsample is not null) register_module("downsample", downsample);
    }

    public override long OutputChannels { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = F.relu(bn1.forward(conv1.forward(stridedPadding.Apply(input))));
        x = bn2.forward(conv2.forward(x));
        var shortcut = downsample is null ? input : downsample.forward(ProjectionInput(input, stride, projectionPath));
        return F.relu(x.add_(shortcut)).MoveToOuterDisposeScope();
    }
}

/// <summary>ResNet-50/101 block: 1×1 → 3×3 (stride here, as torchvision v1.5) → 1×1, expansion 4.</summary>
public sealed class BottleneckBlock : ResidualBlock
{
    public const int Expansion = 4;

    private readonly Conv2d conv1, conv2, conv3;
    private readonly BatchNorm2d bn1, bn2, bn3;
    private readonly Sequential? downsample;
    private readonly WindowPadding stridedPadding;

    private readonly long stride;
    private readonly StridedProjection projectionPath;

    public BottleneckBlock(long inputChannels, long width, long stride, DownsamplePadding padding = DownsamplePadding.Symmetric,
        StridedProjection projectionPath = StridedProjection.Direct) : base(nameof(BottleneckBlock))
    {
        this.stride = stride;
        this.projectionPath = projectionPath;
        stridedPadding = WindowPadding.For(padding, 3, stride);
        var output = width * Expansion;
        conv1 = nn.Conv2d(inputChannels, width, 1, bias: false);
        bn1 = nn.BatchNorm2d(width);
        conv2 = nn.Conv2d(width, width, 3, stride: stride, padding: stridedPadding.Built, bias: false);
        bn2 = nn.BatchNorm2d(width);
        conv3 = nn.Conv2d(width, output, 1, bias: false);
        bn3 = nn.BatchNorm2d(output);
        downsample = Projection(inputChannels, output, stride, projectionPath);
        OutputChannels = output;
        register_module("conv1", conv1);
        register_module("bn1", bn1);
        register_module("conv2", conv2);
        register_module("bn2", bn2);
        register_module("conv3", conv3);
        register_module("bn3", bn3);
        if (downsample is not null) register_module("downsample", downsample);
    }

    public override long OutputChannels { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = F.relu(bn1.forward(conv1.forward(input)));
        x = F.relu(bn2.forward(conv2.forward(stridedPadding.Apply(x))));
        x = bn3.forward(conv3.forward(x));
        var shortcut = downsample is null ? input : downsample.forward(ProjectionInput(input, stride, projectionPath));
        return F.relu(x.add_(shortcut)).MoveToOuterDisposeScope();
    }
}
