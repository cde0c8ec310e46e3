namespace AutoLR.Torch.EmbeddingFiles;

/// <summary>
/// Writes a 2-D float32 .npy file row block by row block: the header (whose shape must be known up front) first,
/// then each block appended, so memory stays O(block) however many rows there are. <see cref="Dispose"/> checks that
/// exactly the announced rows arrived; a short file is deleted rather than left looking valid.
/// </summary>
public sealed class NpyRowWriter : IDisposable
{
    private readonly FileStream _stream;
    private long _written;
    private bool _closed;

    public NpyRowWriter(string path, long rows, int columns)
    {
        Path = path;
        Rows = rows;
        Columns = columns;
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _stream.Write(NpyFormat.Header("<f4", [rows, columns]));
    }

    public string Path { get; }
    public long Rows { get; }
    public int Columns { get; }

    /// <summary>Appends whole rows, row-major.</summary>
    public void Append(ReadOnlySpan<float> values)
    {
        if (values.Length % Columns != 0)
            throw new ArgumentException($"{values.Length} values are not whole rows of {Columns} columns.", nameof(values));
        var rows = values.Length / Columns;
        if (_written + rows > Rows)
            throw new InvalidOperationException($"{Path}: {_written + rows} rows would exceed the {Rows} announced in its header.");
        // .npy is little-endian ('<f4'), as is every platform .NET runs TorchSharp on.
        _stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        _written += rows;
    }

    /// <summary>Flushes the file to disk; throws if fewer rows arrived than the header announced.</summary>
    public void Complete()
    {
        if (_written != Rows)
            throw new InvalidOperationException($"{Path}: {_written} rows written but the header announces {Rows}.");
        _stream.Flush(flushToDisk: true);
        _closed = true;
        _stream.Dispose();
    }

    public void Dispose()
    {
        if (_closed) return;
        _stream.Dispose();
        File.Delete(Path);
    }
}
