using System.IO.Compression;
using static TorchSharp.torch;

namespace AutoLR.Integration.Weights;

/// <summary>
/// Real images for weight checks: the first items of Fashion-MNIST (Debian package dataset-fashion-mnist), decoded
/// from gzip'd IDX here, 28×28 grayscale made 3-channel and resized bilinearly to the network's input size.
/// </summary>
internal static class FashionMnistImages
{
    public const string ImagesFile = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";

    /// <summary>[count, 3, size, size] RGB in [0, 1].</summary>
    public static Tensor Load(int count, int size)
    {
        if (!File.Exists(ImagesFile))
            throw new FileNotFoundException($"{ImagesFile} is missing: apt-get install dataset-fashion-mnist (scripts/setup.sh does it).");
        using var gzip = new GZipStream(File.OpenRead(ImagesFile), CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip);
        // IDX: big-endian magic 0x00000803 (unsigned bytes, 3 dimensions), then the three sizes, then the pixels.
        var magic = ReadBigEndian(reader);
        if (magic != 0x00000803) throw new InvalidDataException($"{ImagesFile}: IDX magic 0x{magic:x8}, expected 0x00000803.");
        var (items, rows, columns) = (ReadBigEndian(reader), ReadBigEndian(reader), ReadBigEndian(reader));
        if (count > items) throw new ArgumentOutOfRangeException(nameof(count), $"{ImagesFile} has {items} images.");
        var pixels = reader.ReadBytes(count * rows * columns);

        using var scope = NewDisposeScope();
        var gray = tensor(pixels, [count, 1, rows, columns]).to_type(ScalarType.Float32).div_(255f);
        var rgb = gray.expand(count, 3, rows, columns);
        return nn.functional.interpolate(rgb, [size, size], mode: InterpolationMode.Bilinear, align_corners: false)
            .clamp_(0f, 1f).MoveToOuterDisposeScope();
    }

    private static int ReadBigEndian(BinaryReader reader) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(reader.ReadBytes(4));
}
