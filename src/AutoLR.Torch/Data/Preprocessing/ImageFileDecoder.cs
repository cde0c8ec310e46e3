using SkiaSharp;

namespace AutoLR.Torch.Data.Preprocessing;

/// <summary>
/// Decodes JPEG and PNG files with SkiaSharp into square RGB byte images: resize so the shorter side is
/// <see cref="ResizeShorterSide"/> (Skia's linear filter with linear mipmaps, the old Medium quality, so shrinking is
/// antialiased), then crop the centre <see cref="ImageSize"/> × <see cref="ImageSize"/>. Alpha is ignored.
/// Thread-safe: every call works on its own bitmaps.
/// </summary>
public sealed class ImageFileDecoder
{
    public ImageFileDecoder(int imageSize, int resizeShorterSide)
    {
        if (imageSize < 1)
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "The image size must be at least 1 pixel.");
        if (resizeShorterSide < imageSize)
            throw new ArgumentOutOfRangeException(nameof(resizeShorterSide), resizeShorterSide,
                $"The shorter side must be resized to at least the image size ({imageSize}) so the centre crop fits.");
        ImageSize = imageSize;
        ResizeShorterSide = resizeShorterSide;
    }

    public int ImageSize { get; }
    public int ResizeShorterSide { get; }

    /// <summary>
    /// Why <paramref name="path"/> cannot be decoded (empty, not an image Skia knows), or null when its header reads.
    /// Reads the header only, so it is cheap enough to run over a whole data set at open time.
    /// </summary>
    public static string? Problem(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return "the image file does not exist.";
        if (info.Length == 0) return "the image file is empty (0 bytes).";
        using var codec = SKCodec.Create(path);
        return codec is null ? "the file is not a JPEG or PNG image that SkiaSharp can decode." : null;
    }

    /// <summary>Decodes, resizes and crops <paramref name="path"/> into <paramref name="rgb"/> (S × S × 3 bytes, row-major).</summary>
    public void Decode(string path, Span<byte> rgb)
    {
        if (rgb.Length != ImageSize * ImageSize * 3)
            throw new ArgumentException($"The buffer must hold {ImageSize}×{ImageSize}×3 bytes.", nameof(rgb));
        using var codec = SKCodec.Create(path) ?? throw BadImage(path, Problem(path) ?? "SkiaSharp could not read the image header.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = SKBitmap.Decode(codec, info) ?? throw BadImage(path, "SkiaSharp could not decode the image data.");
        var (width, height) = ResizedSize(decoded.Width, decoded.Height);
        if (width == decoded.Width && height == decoded.Height)
        {
            CropCentre(decoded, rgb);
            return;
        }
        using var resized = decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw BadImage(path, $"SkiaSharp could not resize the image to {width}×{height}.");
        CropCentre(resized, rgb);
    }

    private (int Width, int Height) ResizedSize(int width, int height)
    {
        var scale = (double)ResizeShorterSide / Math.Min(width, height);
        return (Math.Max(ImageSize, (int)Math.Round(width * scale)), Math.Max(ImageSize, (int)Math.Round(height * scale)));
    }

    private void CropCentre(SKBitmap bitmap, Span<byte> rgb)
    {
        var left = (bitmap.Width - ImageSize) / 2;
        var top = (bitmap.Height - ImageSize) / 2;
        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        for (var y = 0; y < ImageSize; y++)
        {
            var row = pixels.Slice((top + y) * rowBytes + left * 4, ImageSize * 4);
            var target = rgb.Slice(y * ImageSize * 3, ImageSize * 3);
            for (var x = 0; x < ImageSize; x++)
            {
                target[x * 3] = row[x * 4];
                target[x * 3 + 1] = row[x * 4 + 1];
                target[x * 3 + 2] = row[x * 4 + 2];
            }
        }
    }

    private static DatasetException BadImage(string path, string problem) =>
        new(path, problem, "Replace the file with a valid JPEG or PNG, or set SkipBadImages to leave such files out when the data set is opened.");
}
