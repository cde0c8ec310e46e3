using System.Runtime.InteropServices;

namespace AutoLR.Torch.EmbeddingFiles;

/// <summary>Whole small .npy arrays (labels, a mean image) written in one go, and any array read back for checking.</summary>
public static class NpyArrays
{
    /// <summary>Writes <paramref name="values"/> (row-major) as a float32 .npy file of <paramref name="shape"/>.</summary>
    public static void WriteFloat32(string path, float[] values, params long[] shape)
    {
        if (shape.Aggregate(1L, (a, b) => a * b) != values.LongLength)
            throw new ArgumentException($"{values.LongLength} values do not fill shape ({string.Join(", ", shape)}).", nameof(shape));
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.Write(NpyFormat.Header("<f4", shape));
        stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Writes <paramref name="values"/> as a 1-D int64 .npy file.</summary>
    public static void WriteInt64(string path, IReadOnlyList<long> values)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.Write(NpyFormat.Header("<i8", [values.Count]));
        stream.Write(MemoryMarshal.AsBytes(values.ToArray().AsSpan()));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>A float32 .npy file: its values row-major and its shape.</summary>
    public static (float[] Values, long[] Shape) ReadFloat32(string path) => Read<float>(path, "<f4");

    /// <summary>An int64 .npy file: its values and its shape.</summary>
    public static (long[] Values, long[] Shape) ReadInt64(string path) => Read<long>(path, "<i8");

    private static (T[] Values, long[] Shape) Read<T>(string path, string descr) where T : unmanaged
    {
        using var stream = File.OpenRead(path);
        var (actual, shape, offset) = NpyFormat.ReadHeader(stream, path);
        if (actual != descr)
            throw new InvalidDataException($"{path}: holds '{actual}' values, expected '{descr}'.");
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var values = new T[count];
        stream.Position = offset;
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return (values, shape);
    }
}
