using SkiaSharp;

namespace AutoLR.Integration.Data;

/// <summary>Small JPEG and PNG files written with SkiaSharp, with known pixel colours.</summary>
public static class ImageFixtures
{
    /// <summary>The solid colour used for a class number: distinct per class, so labels can be checked by pixels.</summary>
    public static SKColor ColourOf(int classNumber) =>
        new((byte)(40 + classNumber * 37 % 200), (byte)(200 - classNumber * 53 % 180), (byte)(30 + classNumber * 71 % 210));

    /// <summary>Writes a solid-colour image; JPEG when the path ends in .jpg/.jpeg, else PNG.</summary>
    public static void Solid(string path, SKColor colour, int width = 24, int height = 16)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        bitmap.Erase(colour);
        Save(bitmap, path);
    }

    /// <summary>Writes an image of vertical stripes, left to right, each <paramref name="stripeWidth"/> wide.</summary>
    public static void Stripes(string path, SKColor[] colours, int stripeWidth, int height)
    {
        using var bitmap = new SKBitmap(colours.Length * stripeWidth, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        for (var x = 0; x < bitmap.Width; x++)
            for (var y = 0; y < height; y++)
                bitmap.SetPixel(x, y, colours[x / stripeWidth]);
        Save(bitmap, path);
    }

    private static void Save(SKBitmap bitmap, string path)
    {
        var jpeg = path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, 95);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, data.ToArray());
    }
}
