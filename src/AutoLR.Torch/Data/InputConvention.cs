namespace AutoLR.Torch.Data;

/// <summary>Channel order a backbone expects.</summary>
public enum ChannelOrder { Rgb, Bgr }

/// <summary>
/// What a backbone expects of its input pixels; the data pipeline follows it. A decoded image in [0, 1] RGB becomes
/// <c>(reorder(image) × Scale − mean) / Std</c>, where mean is the per-pixel <see cref="MeanImage"/> (resized
/// bilinearly to the input size) when there is one, else the per-channel <see cref="Mean"/>.
/// </summary>
/// <param name="Order">Channel order after reordering.</param>
/// <param name="Scale">1 for [0, 1] input, 255 for [0, 255].</param>
/// <param name="Mean">Per-channel mean, in the backbone's channel order and scale.</param>
/// <param name="Std">Per-channel divisor, in the backbone's channel order.</param>
/// <param name="MeanImage">Optional per-pixel mean, [3 × H × W] row-major, in the backbone's order and scale.</param>
/// <param name="MeanImageSize">(H, W) of <see cref="MeanImage"/>.</param>
public sealed record InputConvention(
    ChannelOrder Order,
    float Scale,
    float[] Mean,
    float[] Std,
    float[]? MeanImage = null,
    (int Height, int Width)? MeanImageSize = null)
{
    /// <summary>torchvision's ImageNet models: RGB in [0, 1], ImageNet mean and std.</summary>
    public static InputConvention TorchvisionImageNet { get; } =
        new(ChannelOrder.Rgb, 1f, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
}
