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

    /// <summary>Writes a PNG of random pixels (seeded), which compresses badly: big enough to cut short.</summary>
    public static void Noise(string path, int width, int height)
    {
        var random = new Random(7);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        for (var x = 0; x < width; x++)
            for (var y = 0; y < height; y++)
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        Save(bitmap, path);
    }

    /// <summary>
    /// A PNG of a few dozen bytes whose header (IHDR, with a correct CRC) claims <paramref name="width"/> ×
    /// <paramref name="height"/> pixels, followed by the compressed data of one short row: what a forged file looks like.
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        var data = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(data, System.IO.Compression.CompressionLevel.Optimal)) zlib.Write(new byte[16]);
        return [.. new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A },
                .. Chunk("IHDR", header), .. Chunk("IDAT", data.ToArray()), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var chunk = new byte[4 + typed.Length + 4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typed.Length), Crc32(typed));
        return chunk;
    }

    /// <summary>The PNG chunk CRC (ISO 3309, reflected polynomial 0xEDB88320).</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
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
