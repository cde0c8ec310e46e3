using TorchSharp;

namespace AutoLR.Torch.Data.Preprocessing;

/// <summary>
/// Turns RGB images in [0, 1] into a backbone's input per its <see cref="InputConvention"/>:
/// <c>(reorder(x) × Scale − mean) / Std</c>, where mean is the per-pixel mean image resized bilinearly
/// (align_corners = false) to the image size when the convention has one, else the per-channel mean.
/// Holds only .NET arrays, so data sets that use it need no disposal.
/// </summary>
public sealed class InputNormaliser
{
    private readonly bool _bgr;
    private readonly float _scale;
    private readonly float[] _mean;
    private readonly long[] _meanShape;
    private readonly float[] _std;

    public InputNormaliser(InputConvention convention, int imageSize)
    {
        ArgumentNullException.ThrowIfNull(convention);
        if (convention.Mean.Length != 3 || convention.Std.Length != 3)
            throw new ArgumentException("InputConvention.Mean and .Std need exactly 3 values (one per channel).", nameof(convention));
        if (convention.Std.Any(s => s == 0f))
            throw new ArgumentException("InputConvention.Std must not contain 0.", nameof(convention));
        ImageSize = imageSize;
        _bgr = convention.Order == ChannelOrder.Bgr;
        _scale = convention.Scale;
        _std = convention.Std;
        if (convention.MeanImage is { } meanImage)
        {
            _mean = ResizeMeanImage(meanImage, convention.MeanImageSize, imageSize);
            _meanShape = [3, imageSize, imageSize];
        }
        else
        {
            _mean = convention.Mean;
            _meanShape = [3, 1, 1];
        }
    }

    /// <summary>Side of the square images this normaliser expects.</summary>
    public int ImageSize { get; }

    /// <summary>Normalises float32 [B, 3, S, S] RGB in [0, 1]; returns a new tensor, the input is left alone.</summary>
    public torch.Tensor Apply(torch.Tensor rgb01)
    {
        using var scope = torch.NewDisposeScope();
        var x = _bgr ? rgb01.flip(1) : rgb01;
        var mean = torch.tensor(_mean, _meanShape);
        var std = torch.tensor(_std, [3, 1, 1]);
        var result = x.mul(_scale).sub_(mean).div_(std);
        return result.MoveToOuterDisposeScope();
    }

    private static float[] ResizeMeanImage(float[] meanImage, (int Height, int Width)? size, int imageSize)
    {
        if (size is not { } hw)
            throw new ArgumentException("InputConvention.MeanImage needs MeanImageSize (its height and width).");
        if (meanImage.Length != 3 * hw.Height * hw.Width)
            throw new ArgumentException(
                $"InputConvention.MeanImage has {meanImage.Length} values, but MeanImageSize {hw.Height}×{hw.Width} needs 3×{hw.Height}×{hw.Width} = {3 * hw.Height * hw.Width}.");
        using var scope = torch.NewDisposeScope();
        var image = torch.tensor(meanImage, [1, 3, hw.Height, hw.Width]);
        var resized = hw.Height == imageSize && hw.Width == imageSize
            ? image
            : torch.nn.functional.interpolate(image, [imageSize, imageSize], mode: torch.InterpolationMode.Bilinear, align_corners: false);
        return resized.contiguous().data<float>().ToArray();
    }
}
