using System.Buffers.Binary;
using System.IO.Compression;

namespace AutoLR.Integration.Data;

/// <summary>Writes small Fashion-MNIST-shaped IDX files (gzip) and reads the real ones independently of the library.</summary>
public static class IdxFixtures
{
    /// <summary>A tiny Fashion-MNIST folder: 20 train and 10 t10k images, labels i % 10, pixel values (i + row) % 256.</summary>
    public static void TinyFashionMnist(TempFolder folder)
    {
        foreach (var (prefix, count) in new[] { ("train", 20), ("t10k", 10) })
        {
            var pixels = new byte[count * 784];
            for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i / 784 + i % 28);
            Write(folder.File($"{prefix}-images-idx3-ubyte.gz"), 0x0803, [count, 28, 28], pixels, gzip: true);
            Write(folder.File($"{prefix}-labels-idx1-ubyte.gz"), 0x0801, [count], Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray(), gzip: true);
        }
    }

    public static void Write(string path, int magic, int[] sizes, byte[] data, bool gzip)
    {
        using var file = File.Create(path);
        using var stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, magic);
        stream.Write(word);
        foreach (var size in sizes)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, size);
            stream.Write(word);
        }
        stream.Write(data);
    }

    /// <summary>The bytes after a gzip IDX file's header of <paramref name="dimensions"/> sizes.</summary>
    public static byte[] ReadPayload(string path, int dimensions)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray()[(4 + 4 * dimensions)..];
    }
}
