using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace AutoLR.Torch.Backbones.Inception;

/// <summary>
/// Inception-v3's unit (torchvision's <c>BasicConv2d</c>): convolution without bias, BatchNorm with ε = 0.001
/// (the TensorFlow original's, which the ImageNet weights were trained with), ReLU. Submodules <c>conv</c> and
/// <c>bn</c>, as torchvision names them.
/// </summary>
public sealed class InceptionConv : nn.Module<Tensor, Tensor>
{
    /// <summary>The local name of the weight eq. 1 measures.</summary>
    public const string MeasuredWeight = "conv.weight";

    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;

    /// <param name="inputChannels">Channels in.</param>
    /// <param name="outputChannels">Channels out.</param>
    /// <param name="kernel">(height, width) of the window.</param>
    /// <param name="stride">Stride along both axes.</param>
    /// <param name="padding">(height, width) zero padding on each side.</param>
    public InceptionConv(long inputChannels, long outputChannels, (long, long) kernel, long stride = 1, (long, long) padding = default)
        : base(nameof(InceptionConv))
    {
        conv = nn.Conv2d(inputChannels, outputChannels, kernel, stride: (stride, stride), padding: padding, bias: false);
        bn = nn.BatchNorm2d(outputChannels, eps: 0.001);
        register_module("conv", conv);
        register_module("bn", bn);
    }

    /// <summary>A square window of side <paramref name="kernel"/>.</summary>
    public InceptionConv(long inputChannels, long outputChannels, long kernel, long stride = 1, long padding = 0)
        : this(inputChannels, outputChannels, (kernel, kernel), stride, (padding, padding)) { }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return F.relu(bn.forward(conv.forward(input))).MoveToOuterDisposeScope();
    }
}
