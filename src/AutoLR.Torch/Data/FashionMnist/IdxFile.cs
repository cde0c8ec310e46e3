using System.Buffers.Binary;
using System.IO.Compression;

namespace AutoLR.Torch.Data.FashionMnist;

/// <summary>
/// The IDX format of (Fashion-)MNIST, plain or gzip-compressed (detected by the gzip magic bytes, not the name):
/// a big-endian magic number <c>0x00000800 | type &lt;&lt; 8 | dimensions</c> (type 0x08 = unsigned byte), one
/// big-endian int32 size per dimension, then the bytes.
/// </summary>
public static class IdxFile
{
    /// <summary>Magic number of an unsigned-byte IDX file with <paramref name="dimensions"/> dimensions.</summary>
    public static int Magic(int dimensions) => 0x0800 | dimensions;

    /// <summary>Reads an unsigned-byte IDX file with <paramref name="dimensions"/> dimensions: its sizes and its bytes.</summary>
    public static (int[] Sizes, byte[] Data) Read(string path, int dimensions, string what)
    {
        if (!File.Exists(path))
            throw new DatasetException(path, $"the {what} file is missing.", "Point the data set path at the folder that holds the four Fashion-MNIST IDX files.");
        DataFileCheck.Require(path, "Point the data set path at the folder that holds the four Fashion-MNIST IDX files.");
        try
        {
            using var file = File.OpenRead(path);
            using var stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            Span<byte> word = stackalloc byte[4];
            stream.ReadExactly(word);
            var magic = BinaryPrimitives.ReadInt32BigEndian(word);
            if (magic != Magic(dimensions))
                throw new DatasetException(path, $"the IDX magic number is 0x{magic:X8}, expected 0x{Magic(dimensions):X8} ({what}: unsigned bytes, {dimensions} dimension(s)).",
                    $"Point the data set at the right file; this one is not an IDX {what} file (or is a different IDX file).");
            var sizes = new int[dimensions];
            for (var d = 0; d < dimensions; d++)
            {
                stream.ReadExactly(word);
                sizes[d] = BinaryPrimitives.ReadInt32BigEndian(word);
                if (sizes[d] < 0)
                    throw new DatasetException(path, $"IDX dimension {d} has the negative size {sizes[d]}.", "Restore the original file; it is damaged.");
            }
            // The sizes are the file's claim: it must fit what the file can hold before any memory is taken for it.
            var claimed = Claimed(sizes);
            var available = ReferenceEquals(stream, file) ? file.Length - file.Position : DataFileCheck.MaxBytes;
            if (claimed > available)
            {
                var claim = $"its IDX header claims {string.Join(" × ", sizes)} = {(claimed == long.MaxValue ? "more than 2^63" : claimed.ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes";
                throw new DatasetException(path,
                    ReferenceEquals(stream, file)
                        ? $"the {what} file ends early (truncated IDX data): {claim}, but the file holds {available} after the header."
                        : $"{claim}, more than the {available} a data file may have.",
                    "Download the file again or reinstall the package: apt-get install --reinstall dataset-fashion-mnist.");
            }
            var data = new byte[claimed];
            stream.ReadExactly(data);
            return (sizes, data);
        }
        catch (EndOfStreamException e)
        {
            throw new DatasetException(path, $"the {what} file ends early (truncated IDX data).", "Download the file again or reinstall the package: apt-get install --reinstall dataset-fashion-mnist.", e);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException(path, $"the gzip stream of the {what} file is damaged or truncated ({e.Message}).", "Download the file again or reinstall the package: apt-get install --reinstall dataset-fashion-mnist.", e);
        }
    }

    /// <summary>The product of the sizes, or <see cref="long.MaxValue"/> when it overflows.</summary>
    private static long Claimed(int[] sizes)
    {
        var product = 1L;
        foreach (var size in sizes)
        {
            if (size != 0 && product > long.MaxValue / size) return long.MaxValue;
            product *= size;
        }
        return product;
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> head = stackalloc byte[2];
        var n = file.Read(head);
        file.Position = 0;
        return n == 2 && head[0] == 0x1f && head[1] == 0x8b;
    }
}
