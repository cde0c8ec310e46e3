using System.Globalization;
using AutoLR.Torch.Inputs;
using SkiaSharp;

namespace AutoLR.Torch.Data.Preprocessing;

/// <summary>
/// Decodes JPEG and PNG files with SkiaSharp into square RGB byte images: resize so the shorter side is
/// <see cref="ResizeShorterSide"/> (Skia's linear filter with linear mipmaps, the old Medium quality, so shrinking is
/// antialiased), then crop the centre <see cref="ImageSize"/> × <see cref="ImageSize"/>. Alpha is ignored.
/// An image may have at most <see cref="MaxPixels"/> pixels: the header's claim is checked before any pixel memory is
/// taken, since a 100-byte PNG can claim 20000 × 20000.
/// Thread-safe: every call works on its own bitmaps.
/// </summary>
public sealed class ImageFileDecoder
{
    /// <summary>The largest image file read (256 MiB): far above any photograph, so only a wrong path or a device hits it.</summary>
    public const long MaxFileBytes = 256L << 20;

    public ImageFileDecoder(int imageSize, int resizeShorterSide, long maxPixels = DatasetOptions.DefaultMaxImagePixels)
    {
        if (imageSize < 1)
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "The image size must be at least 1 pixel.");
        if (resizeShorterSide < imageSize)
            throw new ArgumentOutOfRangeException(nameof(resizeShorterSide), resizeShorterSide,
                $"The shorter side must be resized to at least the image size ({imageSize}) so the centre crop fits.");
        if (maxPixels < 1)
            throw new ArgumentOutOfRangeException(nameof(maxPixels), maxPixels, "The pixel limit must be at least 1.");
        ImageSize = imageSize;
        ResizeShorterSide = resizeShorterSide;
        MaxPixels = maxPixels;
    }

    public int ImageSize { get; }
    public int ResizeShorterSide { get; }

    /// <summary>Most pixels (width × height) an image may have.</summary>
    public long MaxPixels { get; }

    /// <summary>
    /// Why <paramref name="path"/> cannot be used (not a regular file, unreadable, empty, not an image Skia knows,
    /// too many pixels, truncated or damaged data), or null when it decodes completely. Decodes every pixel, so that a
    /// damaged image is found when the data set is opened, not silently trained on (a truncated PNG decodes as far as
    /// its data goes).
    /// </summary>
    public string? Problem(string path)
    {
        if (InputFile.Problem(path, MaxFileBytes) is { } fileProblem) return $"the image file cannot be used: {fileProblem}.";
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            return "the image file cannot be read: permission denied (give the user running autolr read access).";
        }
        catch (IOException e)
        {
            return $"the image file cannot be read: {e.Message}";
        }
        if (bytes.Length == 0) return "the image file is empty (0 bytes).";
        using var codec = SKCodec.Create(new SKMemoryStream(bytes), out var opened);
        if (codec is null)
            return opened == SKCodecResult.IncompleteInput
                ? "the image file ends inside its header (truncated)."
                : "the file is not a JPEG or PNG image that SkiaSharp can decode (its first bytes match no image format).";
        if (TooLarge(codec.Info) is { } tooLarge) return tooLarge;
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        return codec.GetPixels(info, bitmap.GetPixels()) switch
        {
            SKCodecResult.Success => null,
            SKCodecResult.IncompleteInput => $"the image data ends early (the file is truncated): only part of its {info.Width}×{info.Height} pixels decode.",
            SKCodecResult.ErrorInInput => "the image data is damaged: decoding stops at an error partway through.",
            var result => $"SkiaSharp could not decode the image data ({result}).",
        };
    }

    /// <summary>Decodes, resizes and crops <paramref name="path"/> into <paramref name="rgb"/> (S × S × 3 bytes, row-major).</summary>
    public void Decode(string path, Span<byte> rgb)
    {
        if (rgb.Length != ImageSize * ImageSize * 3)
            throw new ArgumentException($"The buffer must hold {ImageSize}×{ImageSize}×3 bytes.", nameof(rgb));
        using var codec = SKCodec.Create(path) ?? throw BadImage(path, Problem(path) ?? "SkiaSharp could not read the image header.");
        if (TooLarge(codec.Info) is { } tooLarge) throw BadImage(path, tooLarge);
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

    private string? TooLarge(SKImageInfo info)
    {
        var pixels = (long)info.Width * info.Height;
        return pixels <= MaxPixels ? null :
            string.Create(CultureInfo.InvariantCulture, $"the image is {info.Width}×{info.Height} = {pixels:N0} pixels, more than the limit of {MaxPixels:N0} ") +
            "(raise it with --max-image-pixels if the image is genuine).";
    }

    private static DatasetException BadImage(string path, string problem) => new(path, problem, DatasetOptions.BadImageFix);
}
