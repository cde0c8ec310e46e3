using AutoLR.Torch.Data;
using static TorchSharp.torch;

namespace AutoLR.Integration.Weights;

/// <summary>
/// <see cref="InputConvention"/>'s formula, <c>(reorder(image) × Scale − mean) / Std</c>, for images already at
/// the mean image's size; the weight tests apply it themselves so they depend on no data pipeline.
/// </summary>
internal static class InputConventionForTests
{
    public static Tensor Apply(InputConvention convention, Tensor rgb01)
    {
        using var scope = NewDisposeScope();
        var x = convention.Order == ChannelOrder.Bgr ? rgb01.flip(1) : rgb01;
        x = x.mul(convention.Scale);
        var (height, width) = convention.MeanImageSize ?? (0, 0);
        var mean = convention.MeanImage is { } image
            ? tensor(image, [1, 3, height, width])
            : tensor(convention.Mean, [1, 3, 1, 1]);
        return x.sub(mean).div(tensor(convention.Std, [1, 3, 1, 1])).MoveToOuterDisposeScope();
    }
}
