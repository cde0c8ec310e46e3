using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace AutoLR.Torch.Backbones;

/// <summary>
/// How the layers that halve the image (the stem's 7×7 convolution and 3×3 max-pool, each stage's strided 3×3
/// convolution) pad their input.
/// </summary>
public enum DownsamplePadding
{
    /// <summary>torchvision: ⌊k/2⌋ on every side, whatever the input size.</summary>
    Symmetric,

    /// <summary>
    /// CNTK's "same" padding (autoPadding), worked out per input size by <see cref="CntkSamePadding"/>: ⌈n/s⌉
    /// outputs, ⌊k/2⌋ at top/left, and at bottom/right only what the last window reaches. The CNTK export of the
    /// ImageNet ResNet-18 in Microsoft.ML.DnnImageFeaturizer.ResNet18 was built this way; its ONNX graph records the
    /// pads for 224 × 224 input.
    /// </summary>
    CntkSame,
}

/// <summary>
/// CNTK's auto-padding (<c>ConvolveGeometry</c>: output ⌈n/s⌉, window centres spread evenly so the first sits
/// ⌊extra/2⌋ cells in, where extra = n − ((out − 1)·s + 1)), as explicit (lower, upper) padding for a window of odd
/// size k. For stride 2 the first centre is always the first pixel, so lower = ⌊k/2⌋; upper = ⌊k/2⌋ − 1 at even n
/// (the ONNX export's [3, 3, 2, 2] and [1, 1, 0, 0] at 224) and ⌊k/2⌋ at odd n.
/// </summary>
public static class CntkSamePadding
{
    /// <summary>(lower, upper) padding of one axis of <paramref name="size"/> cells.</summary>
    public static (long Lower, long Upper) Of(long size, long kernel, long stride)
    {
        var output = (size + stride - 1) / stride;
        var cells = (output - 1) * stride + 1;
        var firstCentre = (size - cells) / 2;
        var lower = (kernel - 1) / 2 - firstCentre;
        var upper = (output - 1) * stride + kernel - size - lower;
        return (lower, upper);
    }

    /// <summary>
    /// <paramref name="input"/> [B, C, H, W] padded with <paramref name="value"/> so that an unpadded window of
    /// <paramref name="kernel"/> and <paramref name="stride"/> slides over it as CNTK's does.
    /// </summary>
    public static Tensor Apply(Tensor input, long kernel, long stride, double value = 0)
    {
        var (top, bottom) = Of(input.shape[2], kernel, stride);
        var (left, right) = Of(input.shape[3], kernel, stride);
        return F.pad(input, [left, right, top, bottom], value: value);
    }
}

/// <summary>
/// The padding one window-sliding layer (convolution or pooling) of kernel k and stride s needs under a
/// <see cref="DownsamplePadding"/>: the part the layer does itself (<see cref="Built"/>, symmetric) and the part
/// done beforehand on its input (<see cref="Apply"/>, CNTK's asymmetric padding). Only CNTK's layers of stride
/// above 2, or of an even window, pad explicitly. At stride 1 CNTK's rule gives ⌊k/2⌋ on both sides, which is
/// torchvision's. At stride 2 with odd k it gives lower = ⌊k/2⌋ and ⌈n/2⌉ windows, and symmetric ⌊k/2⌋ gives
/// ⌊(n − 1)/2⌋ + 1 = ⌈n/2⌉ windows at the same offsets: the extra cells CNTK pads below or right of the last
/// window (or does not pad) are never read, so the layer's own padding computes the same sums without copying the
/// input into a padded tensor first (a copy per strided layer: 5–10 % of the embedding rate at 32 px, bench/README.md).
/// </summary>
internal readonly record struct WindowPadding(long Kernel, long Stride, bool Explicit)
{
    public static WindowPadding For(DownsamplePadding padding, long kernel, long stride) =>
        new(kernel, stride, padding == DownsamplePadding.CntkSame && stride > 1 && !(stride == 2 && kernel % 2 == 1));

    /// <summary>The layer's own (symmetric) padding argument.</summary>
    public long Built => Explicit ? 0 : Kernel / 2;

    /// <summary>The layer's input, padded beforehand where the padding is explicit; <paramref name="value"/> fills it.</summary>
    public Tensor Apply(Tensor input, double value = 0) => Explicit ? CntkSamePadding.Apply(input, Kernel, Stride, value) : input;
}
