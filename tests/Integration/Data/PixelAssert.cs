using AutoLR.Torch.Data;
using SkiaSharp;
using TorchSharp;

namespace AutoLR.Integration.Data;

/// <summary>Checks of normalised pixels against the colours the fixtures were written with.</summary>
public static class PixelAssert
{
    /// <summary>One pixel step of a JPEG round trip of a solid colour, in [0, 1] units.</summary>
    public const float JpegTolerance = 3f / 255f;

    /// <summary>The normalised value of a solid RGB colour under the per-channel convention, in the backbone's channel order.</summary>
    public static float[] Expected(SKColor colour, InputConvention convention)
    {
        float[] rgb = [colour.Red / 255f, colour.Green / 255f, colour.Blue / 255f];
        var ordered = convention.Order == ChannelOrder.Bgr ? [rgb[2], rgb[1], rgb[0]] : rgb;
        return Enumerable.Range(0, 3).Select(c => (ordered[c] * convention.Scale - convention.Mean[c]) / convention.Std[c]).ToArray();
    }

    /// <summary>Every pixel of a [3, H, W] image equals the colour's normalised value within the tolerance (in [0, 1] units).</summary>
    public static void Solid(torch.Tensor image, SKColor colour, InputConvention convention, float tolerance)
    {
        Assert.Equal(3, image.shape[0]);
        var expected = Expected(colour, convention);
        for (var c = 0; c < 3; c++)
        {
            using var channel = image[c];
            var min = channel.min().item<float>();
            var max = channel.max().item<float>();
            var allowed = tolerance * convention.Scale / convention.Std[c] + 1e-5f;
            Assert.True(Math.Abs(min - expected[c]) <= allowed && Math.Abs(max - expected[c]) <= allowed,
                $"channel {c}: values {min}..{max}, expected {expected[c]} ± {allowed}");
        }
    }

    /// <summary>Checks every image of a split against its class's colour (class numbers from the split's class ids).</summary>
    public static void ImagesMatchClasses(IRetrievalSplit split, Func<string, int> classNumber, InputConvention convention)
    {
        for (var i = 0; i < split.Count; i++)
        {
            using var image = split.GetImage(i);
            var colour = ImageFixtures.ColourOf(classNumber(split.ClassIds[split.Labels[i]]));
            Solid(image, colour, convention, JpegTolerance);
        }
    }
}
