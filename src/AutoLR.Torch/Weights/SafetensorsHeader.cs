using System.Buffers.Binary;
using System.Text.Json;

namespace AutoLR.Torch.Weights;

/// <summary>One tensor as a safetensors header describes it; offsets are relative to the start of the data section.</summary>
public sealed record SafetensorsEntry(string Name, string DType, IReadOnlyList<long> Shape, long Begin, long End);

/// <summary>
/// Checks a .safetensors file completely before any tensor is read, by the rules of the format's reference
/// implementation (huggingface/safetensors): an 8-byte little-endian header length no larger than the file and the
/// reference's 100 MB cap; a UTF-8 JSON object whose entries (but <c>__metadata__</c>, a string map) each give a known
/// dtype, a shape of non-negative integers and <c>data_offsets</c>; the tensors, in offset order, tile the data section
/// exactly — each starts where the previous ended, none overlaps another or the header, the last ends at the end of the
/// file — and each spans dtype size × element count bytes. A file that breaks a rule is an input error naming it,
/// never an allocation the size of a number the file made up.
/// </summary>
public static class SafetensorsHeader
{
    /// <summary>The reference implementation's cap on the JSON header (MAX_HEADER_SIZE).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    /// <summary>Bytes per element of each dtype the format defines.</summary>
    private static readonly Dictionary<string, int> ElementBytes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["F8_E5M2"] = 1, ["F8_E4M3"] = 1,
        ["I16"] = 2, ["U16"] = 2, ["F16"] = 2, ["BF16"] = 2,
        ["I32"] = 4, ["U32"] = 4, ["F32"] = 4,
        ["I64"] = 8, ["U64"] = 8, ["F64"] = 8,
    };

    /// <summary>The entries of <paramref name="path"/> in offset order; throws <see cref="WeightImportException"/> naming the first broken rule.</summary>
    public static IReadOnlyList<SafetensorsEntry> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var fileLength = stream.Length;
        if (fileLength < 8) throw Invalid(path, $"it is {fileLength} bytes, shorter than the 8-byte header length");
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > (ulong)(fileLength - 8))
            throw Invalid(path, $"its header claims {headerLength} bytes but the file holds only {fileLength - 8} after the length field");
        if (headerLength > MaxHeaderBytes)
            throw Invalid(path, $"its header claims {headerLength} bytes, more than the format's limit of {MaxHeaderBytes}");

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var entries = Parse(path, header);
        CheckLayout(path, entries, fileLength - 8 - (long)headerLength);
        return entries;
    }

    private static List<SafetensorsEntry> Parse(string path, byte[] header)
    {
        if (header.Length == 0 || header[0] != (byte)'{') throw Invalid(path, "its header does not start with '{' (not a JSON object)");
        // JsonDocument checks the encoding only of what it decodes, so a bad byte inside a name would surface later as
        // an InvalidOperationException: the format's header is UTF-8, checked whole first.
        if (!System.Text.Unicode.Utf8.IsValid(header)) throw Invalid(path, "its header is not valid UTF-8");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"its header is not valid JSON ({e.Message})");
        }
        using (document)
        {
            var entries = new List<SafetensorsEntry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name)) throw Invalid(path, $"its header names '{property.Name}' twice");
                if (property.Name == MetadataKey)
                {
                    CheckMetadata(path, property.Value);
                    continue;
                }
                entries.Add(Entry(path, property.Name, property.Value));
            }
            return entries;
        }
    }

    private static void CheckMetadata(string path, JsonElement metadata)
    {
        if (metadata.ValueKind == JsonValueKind.Null) return;
        if (metadata.ValueKind != JsonValueKind.Object ||
            metadata.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
            throw Invalid(path, $"its '{MetadataKey}' is not a map of strings to strings");
    }

    private static SafetensorsEntry Entry(string path, string name, JsonElement info)
    {
        if (info.ValueKind != JsonValueKind.Object) throw Invalid(path, $"tensor '{name}' is described by a JSON {info.ValueKind}, not an object");
        if (!info.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String || !ElementBytes.ContainsKey(dtype.GetString()!))
            throw Invalid(path, $"tensor '{name}' has no known dtype (one of {string.Join(", ", ElementBytes.Keys)})");
        var shape = Integers(path, name, info, "shape");
        var offsets = Integers(path, name, info, "data_offsets");
        if (offsets.Count != 2) throw Invalid(path, $"tensor '{name}' has {offsets.Count} data_offsets, not [begin, end]");
        return new SafetensorsEntry(name, dtype.GetString()!, shape, offsets[0], offsets[1]);
    }

    private static List<long> Integers(string path, string name, JsonElement info, string field)
    {
        if (!info.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw Invalid(path, $"tensor '{name}' has no {field} array");
        var values = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value) || value < 0)
                throw Invalid(path, $"tensor '{name}' has {field} {array.GetRawText()}: each must be a non-negative integer");
            values.Add(value);
        }
        return values;
    }

    /// <summary>The reference's <c>validate</c>: in offset order, contiguous from 0, each the size its dtype and shape give, ending at the data's end.</summary>
    private static void CheckLayout(string path, List<SafetensorsEntry> entries, long dataLength)
    {
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expectedBegin = 0;
        foreach (var entry in entries)
        {
            if (entry.Begin != expectedBegin || entry.End < entry.Begin)
                throw Invalid(path, $"tensor '{entry.Name}' spans bytes [{entry.Begin}, {entry.End}) of the data, but the tensors must follow one " +
                                    $"another without gaps or overlaps and the next one starts at {expectedBegin}");
            long bytes;
            try
            {
                bytes = checked(entry.Shape.Aggregate(1L, (product, dimension) => product * dimension) * ElementBytes[entry.DType]);
            }
            catch (OverflowException)
            {
                throw Invalid(path, $"tensor '{entry.Name}' has shape [{string.Join(", ", entry.Shape)}], too large to exist");
            }
            if (entry.End - entry.Begin != bytes)
                throw Invalid(path, $"tensor '{entry.Name}' ({entry.DType}, shape [{string.Join(", ", entry.Shape)}]) needs {bytes} bytes " +
                                    $"but its data_offsets span {entry.End - entry.Begin}");
            expectedBegin = entry.End;
        }
        if (expectedBegin != dataLength)
            throw Invalid(path, $"its tensors cover {expectedBegin} bytes of data but the file holds {dataLength} after the header");
    }

    private static WeightImportException Invalid(string path, string problem) =>
        new($"{path}: not a valid safetensors file: {problem}. The file is damaged or was not written by a safetensors library; " +
            "in PyTorch, save it again with safetensors.torch.save_file(model.state_dict(), path).");
}
