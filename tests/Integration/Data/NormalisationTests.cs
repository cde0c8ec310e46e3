using AutoLR.Torch.Data;
using SkiaSharp;
using TorchSharp;

namespace AutoLR.Integration.Data;

/// <summary>Decoding, resize + centre crop, and each backbone input convention, checked on pixels of known colour.</summary>
public class NormalisationTests
{
    private static readonly SKColor Orange = new(200, 100, 50);

    private static IRetrievalSplit OpenSingleImage(TempFolder folder, string extension, DatasetOptions options, InputConvention convention)
    {
        ImageFixtures.Solid(folder.File($"x/0.{extension}"), Orange, 40, 30);
        ImageFixtures.Solid(folder.File($"x/1.{extension}"), Orange, 30, 40);
        ImageFixtures.Solid(folder.File($"y/0.{extension}"), SKColors.White);
        ImageFixtures.Solid(folder.File($"y/1.{extension}"), SKColors.White);
        return DatasetFactory.Open("folder", folder.Path, options, convention).Train;
    }

    [Fact]
    public void SolidPngGivesTheExactImagenetValue()
    {
        using var folder = new TempFolder();
        var split = OpenSingleImage(folder, "png", new DatasetOptions { ImageSize = 16 }, InputConvention.TorchvisionImageNet);
        using var image = split.GetImage(0);
        Assert.Equal([3L, 16, 16], image.shape);
        Assert.Equal(torch.ScalarType.Float32, image.dtype);
        PixelAssert.Solid(image, Orange, InputConvention.TorchvisionImageNet, 0f);
        Assert.Equal((200 / 255f - 0.485f) / 0.229f, image[0, 5, 5].item<float>(), 5);
    }

    [Fact]
    public void SolidJpegGivesTheImagenetValueWithinJpegTolerance()
    {
        using var folder = new TempFolder();
        var split = OpenSingleImage(folder, "jpg", new DatasetOptions { ImageSize = 12, ResizeShorterSide = 20 }, InputConvention.TorchvisionImageNet);
        using var portrait = split.GetImage(1);
        Assert.Equal([3L, 12, 12], portrait.shape);
        PixelAssert.Solid(portrait, Orange, InputConvention.TorchvisionImageNet, PixelAssert.JpegTolerance);
    }

    [Fact]
    public void BgrOn255ScaleSubtractsThePerPixelMeanImage()
    {
        // A 2×2 mean image per channel (B 10, G 20, R 30 everywhere): resized bilinearly it stays constant.
        float[] meanImage = [.. Enumerable.Repeat(10f, 4), .. Enumerable.Repeat(20f, 4), .. Enumerable.Repeat(30f, 4)];
        var convention = new InputConvention(ChannelOrder.Bgr, 255f, [0f, 0f, 0f], [1f, 1f, 1f], meanImage, (2, 2));
        using var folder = new TempFolder();
        var split = OpenSingleImage(folder, "png", new DatasetOptions { ImageSize = 8 }, convention);
        using var image = split.GetImage(0);
        Assert.Equal(50f - 10f, image[0, 3, 3].item<float>(), 3);
        Assert.Equal(100f - 20f, image[1, 3, 3].item<float>(), 3);
        Assert.Equal(200f - 30f, image[2, 3, 3].item<float>(), 3);
    }

    [Fact]
    public void PerChannelBgrConventionReordersMeanAndStd()
    {
        var convention = new InputConvention(ChannelOrder.Bgr, 255f, [104f, 117f, 123f], [2f, 4f, 8f]);
        using var folder = new TempFolder();
        var split = OpenSingleImage(folder, "png", new DatasetOptions { ImageSize = 8 }, convention);
        using var image = split.GetImage(0);
        PixelAssert.Solid(image, Orange, convention, 0f);
        Assert.Equal((50f - 104f) / 2f, image[0, 0, 0].item<float>(), 4);
    }

    [Fact]
    public void ResizeKeepsTheCentreSquare()
    {
        // 3 stripes of 10 px (red, green, blue), 10 px high; shorter side 10 = image size, so the crop is columns 10–19.
        using var folder = new TempFolder();
        ImageFixtures.Stripes(folder.File("x/0.png"), [SKColors.Red, SKColors.Lime, SKColors.Blue], 10, 10);
        ImageFixtures.Stripes(folder.File("x/1.png"), [SKColors.Red, SKColors.Lime, SKColors.Blue], 10, 10);
        ImageFixtures.Solid(folder.File("y/0.png"), SKColors.White);
        ImageFixtures.Solid(folder.File("y/1.png"), SKColors.White);
        var plain = new InputConvention(ChannelOrder.Rgb, 1f, [0f, 0f, 0f], [1f, 1f, 1f]);
        var split = DatasetFactory.Open("folder", folder.Path, new DatasetOptions { ImageSize = 10 }, plain).Train;
        using var image = split.GetImage(0);
        PixelAssert.Solid(image, SKColors.Lime, plain, 0f);
    }
}
