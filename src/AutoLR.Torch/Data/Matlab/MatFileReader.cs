using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AutoLR.Torch.Data.Matlab;

/// <summary>
/// Reads the variables of a little-endian MAT file, Level 5 (MATLAB's -v6 and default -v7 formats, zlib-compressed
/// variables included), per MathWorks' "MAT-File Format" document: a 128-byte header, then data elements, each an
/// 8-byte tag (type, byte count; or the 4-byte small form) padded to 8 bytes inside arrays. Structs, cells, char and
/// numeric arrays are decoded; v7.3 files (HDF5) and big-endian files are refused with a message.
/// </summary>
public static class MatFileReader
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7,
        MiDouble = 9, MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15, MiUtf8 = 16, MiUtf16 = 17;
    private const int MxCell = 1, MxStruct = 2, MxChar = 4, MxFirstNumeric = 6, MxLastNumeric = 15;

    /// <summary>
    /// Deepest nesting of cells and structs read. Each level is a recursive call: a forged file (a few bytes of zlib
    /// can inflate to any depth) would otherwise overflow the stack, which no catch survives. The data sets' files
    /// nest 2–3 levels.
    /// </summary>
    public const int MaxNesting = 32;

    /// <summary>Largest size a compressed variable may inflate to: Cars-196's annotations are ~1 MB (a zip bomb is not).</summary>
    public const int MaxInflatedBytes = 256 * 1024 * 1024;

    /// <summary>All variables of the file at <paramref name="path"/>, by name.</summary>
    public static IReadOnlyDictionary<string, MatValue> Read(string path)
    {
        if (!File.Exists(path)) throw new DatasetException(path, "the MAT file is missing.", "Point the data set path at the folder that holds it.");
        DataFileCheck.Require(path, "Restore the original MAT file of the data set.");
        var bytes = File.ReadAllBytes(path);
        try
        {
            return ReadVariables(path, bytes);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidDataException or IndexOutOfRangeException or OverflowException)
        {
            throw new DatasetException(path, $"the MAT file is truncated or damaged ({e.Message}).", "Download the file again.", e);
        }
    }

    private static Dictionary<string, MatValue> ReadVariables(string path, byte[] bytes)
    {
        if (bytes.Length < 128 || !Encoding.ASCII.GetString(bytes, 0, 6).Equals("MATLAB", StringComparison.Ordinal))
            throw new DatasetException(path, "the file does not start with a MAT-file header.", "Point the data set at the original .mat file.");
        if (Encoding.ASCII.GetString(bytes, 0, 10) == "MATLAB 7.3")
            throw new DatasetException(path, "the file is a MAT v7.3 (HDF5) file, which is not read here.", "Re-save it in MATLAB with save(..., '-v7'), or convert it to CSV.");
        if (bytes[126] != (byte)'I' || bytes[127] != (byte)'M')
            throw new DatasetException(path, "the MAT file is big-endian, which is not read here.", "Re-save it on a little-endian machine, or convert it to CSV.");

        var variables = new Dictionary<string, MatValue>();
        var position = 128;
        while (position + 8 <= bytes.Length)
        {
            var type = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position));
            var length = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 4)));
            var data = bytes.AsSpan(position + 8, length).ToArray();
            position += 8 + length;
            if (type == MiCompressed)
            {
                data = Inflate(data);
                var inner = 0;
                (type, data) = Element(data, ref inner);
            }
            if (type != MiMatrix) continue;
            var (name, value) = Matrix(data, 0);
            variables[name] = value;
        }
        return variables;
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            for (int read; (read = zlib.Read(buffer)) > 0;)
            {
                if (output.Length + read > MaxInflatedBytes)
                    throw new InvalidDataException($"a compressed variable inflates to more than {MaxInflatedBytes / (1024 * 1024)} MiB");
                output.Write(buffer, 0, read);
            }
        }
        catch (IOException e)
        {
            // ZLibException (an IOException): a compressed variable whose stream is damaged.
            throw new InvalidDataException($"a compressed variable does not inflate: {e.Message}", e);
        }
        return output.ToArray();
    }

    /// <summary>The data element at <paramref name="position"/>, moving past it and its padding to 8 bytes.</summary>
    private static (int Type, byte[] Data) Element(byte[] bytes, ref int position)
    {
        var first = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position));
        if (first >> 16 != 0)
        {
            var small = bytes.AsSpan(position + 4, (int)(first >> 16)).ToArray();
            position += 8;
            return ((int)(first & 0xFFFF), small);
        }
        var length = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 4)));
        var data = bytes.AsSpan(position + 8, length).ToArray();
        position += 8 + (length + 7) / 8 * 8;
        return ((int)first, data);
    }

    private static (string Name, MatValue Value) Matrix(byte[] data, int depth)
    {
        if (depth > MaxNesting) throw new InvalidDataException($"cells and structs nest deeper than {MaxNesting} levels");
        if (data.Length == 0) return ("", new MatNumeric([0, 0], []));
        var position = 0;
        var (_, flags) = Element(data, ref position);
        var classCode = flags[0];
        var (_, dimensionBytes) = Element(data, ref position);
        var dimensions = Numbers(MiInt32, dimensionBytes).Select(d => (int)d).ToArray();
        var (_, nameBytes) = Element(data, ref position);
        var name = Encoding.ASCII.GetString(nameBytes);
        var count = dimensions.Aggregate(1, (a, d) => checked(a * d));
        if (count < 0) throw new InvalidDataException($"an array has a negative size ({string.Join(" × ", dimensions)})");
        MatValue value = classCode switch
        {
            MxStruct => Struct(data, ref position, dimensions, count, depth),
            MxCell => new MatCell(dimensions, Children(data, ref position, count, depth)),
            MxChar => Text(data, ref position, dimensions),
            >= MxFirstNumeric and <= MxLastNumeric => Numeric(data, ref position, dimensions),
            _ => new MatUnsupported(dimensions, classCode),
        };
        return (name, value);
    }

    private static MatValue Child(byte[] data, ref int position, int depth)
    {
        var (type, child) = Element(data, ref position);
        if (type != MiMatrix) throw new InvalidDataException($"expected an array element (type 14), found type {type}");
        return Matrix(child, depth + 1).Value;
    }

    /// <summary>A cell's elements; its claimed count is checked against the bytes left before anything is allocated.</summary>
    private static MatValue[] Children(byte[] data, ref int position, int count, int depth)
    {
        RequireRoom(data, position, count, "a cell");
        var children = new MatValue[count];
        for (var i = 0; i < count; i++) children[i] = Child(data, ref position, depth);
        return children;
    }

    /// <summary>Every element of an array takes at least an 8-byte tag: a count the remaining bytes cannot hold is forged.</summary>
    private static void RequireRoom(byte[] data, int position, long elements, string what)
    {
        var left = data.Length - (long)position;
        if (elements * 8 > left)
            throw new InvalidDataException($"{what} claims {elements} elements but only {left} bytes remain");
    }

    private static MatStruct Struct(byte[] data, ref int position, int[] dimensions, int count, int depth)
    {
        var (_, lengthBytes) = Element(data, ref position);
        var nameLength = BinaryPrimitives.ReadInt32LittleEndian(lengthBytes);
        // Each field name takes nameLength bytes of the names element; a length of 0 or less names no field.
        if (nameLength <= 0) throw new InvalidDataException($"a struct gives its field names a length of {nameLength} bytes; it must be positive");
        var (_, names) = Element(data, ref position);
        var fields = Enumerable.Range(0, names.Length / nameLength)
            .Select(i => Encoding.ASCII.GetString(names, i * nameLength, nameLength).TrimEnd('\0'))
            .ToArray();
        // A struct without fields stores nothing per element, so only the file's size bounds its count.
        RequireRoom(data, position, (long)count * fields.Length, "a struct");
        if (fields.Length == 0 && count > data.Length) throw new InvalidDataException($"a struct without fields claims {count} elements");
        var elements = new IReadOnlyDictionary<string, MatValue>[count];
        for (var i = 0; i < count; i++)
        {
            var element = new Dictionary<string, MatValue>(fields.Length);
            foreach (var field in fields) element[field] = Child(data, ref position, depth);
            elements[i] = element;
        }
        return new MatStruct(dimensions, fields, elements);
    }

    private static MatText Text(byte[] data, ref int position, int[] dimensions)
    {
        var (type, bytes) = Element(data, ref position);
        var chars = type is MiUInt16 or MiUtf16
            ? Enumerable.Range(0, bytes.Length / 2).Select(i => (char)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i))).ToArray()
            : Encoding.UTF8.GetString(bytes).ToCharArray();
        var rows = dimensions.Length > 0 ? dimensions[0] : 1;
        if (rows <= 1) return new MatText(dimensions, new string(chars));
        // Each row holds at least one of the stored characters: a forged row count (up to 2³¹) would otherwise join
        // that many empty lines.
        if (rows > chars.Length) throw new InvalidDataException($"a char array claims {rows} rows but stores {chars.Length} characters");
        var columns = chars.Length / rows;
        var lines = Enumerable.Range(0, rows).Select(r => new string(Enumerable.Range(0, columns).Select(c => chars[c * rows + r]).ToArray()));
        return new MatText(dimensions, string.Join('\n', lines));
    }

    private static MatNumeric Numeric(byte[] data, ref int position, int[] dimensions)
    {
        var (type, bytes) = Element(data, ref position);
        return new MatNumeric(dimensions, Numbers(type, bytes));
    }

    private static double[] Numbers(int type, byte[] b)
    {
        var s = b.AsSpan();
        return type switch
        {
            MiInt8 => b.Select(x => (double)(sbyte)x).ToArray(),
            MiUInt8 => b.Select(x => (double)x).ToArray(),
            MiInt16 => Read(b.Length / 2, i => BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(2 * i))),
            MiUInt16 => Read(b.Length / 2, i => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(2 * i))),
            MiInt32 => Read(b.Length / 4, i => BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(4 * i))),
            MiUInt32 => Read(b.Length / 4, i => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4 * i))),
            MiSingle => Read(b.Length / 4, i => BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(4 * i))),
            MiDouble => Read(b.Length / 8, i => BinaryPrimitives.ReadDoubleLittleEndian(b.AsSpan(8 * i))),
            MiInt64 => Read(b.Length / 8, i => BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(8 * i))),
            MiUInt64 => Read(b.Length / 8, i => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(8 * i))),
            _ => throw new InvalidDataException($"numeric data of element type {type} is not supported"),
        };
    }

    private static double[] Read(int count, Func<int, double> value) => Enumerable.Range(0, count).Select(value).ToArray();
}
