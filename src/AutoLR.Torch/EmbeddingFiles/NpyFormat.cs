using System.Globalization;
using System.Text;

namespace AutoLR.Torch.EmbeddingFiles;

/// <summary>
/// NumPy's .npy format, version 1.0, little-endian, C order: the magic <c>\x93NUMPY</c>, the version, a 2-byte
/// header length and a Python dict literal naming dtype and shape, padded with spaces so the data starts on a 64-byte
/// boundary (what numpy itself writes). <c>numpy.load</c> reads it with no extra package.
/// </summary>
public static class NpyFormat
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int Alignment = 64;

    /// <summary>The header bytes for an array of <paramref name="descr"/> (e.g. <c>&lt;f4</c>) and <paramref name="shape"/>.</summary>
    public static byte[] Header(string descr, IReadOnlyList<long> shape)
    {
        // A 1-tuple needs its trailing comma in Python: (5,).
        var dims = shape.Count == 1
            ? $"{shape[0]},"
            : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        var prefix = Magic.Length + 2 + 2;
        var padded = (prefix + dict.Length + 1 + Alignment - 1) / Alignment * Alignment;
        var text = dict.PadRight(padded - prefix - 1) + "\n";
        var header = new byte[padded];
        Magic.CopyTo(header, 0);
        header[6] = 1;
        header[7] = 0;
        BitConverter.TryWriteBytes(header.AsSpan(8, 2), checked((ushort)text.Length));
        Encoding.ASCII.GetBytes(text, header.AsSpan(prefix));
        return header;
    }

    /// <summary>(descr, shape, data offset) of the .npy file open in <paramref name="stream"/>, read from its start.</summary>
    public static (string Descr, long[] Shape, long DataOffset) ReadHeader(Stream stream, string path)
    {
        var fixedPart = new byte[10];
        stream.Position = 0;
        stream.ReadExactly(fixedPart);
        if (!fixedPart.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not a .npy file (no \\x93NUMPY magic). Give a file written by numpy.save or autolr embed.");
        if (fixedPart[6] != 1)
            throw new InvalidDataException($"{path}: .npy version {fixedPart[6]}.{fixedPart[7]} is not read here; save it with numpy's default (version 1.0).");
        var length = BitConverter.ToUInt16(fixedPart, 8);
        var text = new byte[length];
        stream.ReadExactly(text);
        var dict = Encoding.ASCII.GetString(text);
        if (dict.Contains("'fortran_order': True", StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: Fortran-ordered arrays are not read here; save a C-ordered copy (numpy.ascontiguousarray).");
        var descr = Between(dict, "'descr': '", "'", path);
        var shape = Between(dict, "'shape': (", ")", path)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        return (descr, shape, 10 + length);
    }

    private static string Between(string text, string before, string after, string path)
    {
        var start = text.IndexOf(before, StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf(after, start + before.Length, StringComparison.Ordinal);
        if (end < 0) throw new InvalidDataException($"{path}: the .npy header has no {before.Trim(' ', ':', '(', '\'')} ({text.Trim()}); the file is damaged.");
        return text[(start + before.Length)..end];
    }
}
