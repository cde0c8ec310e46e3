using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AutoLR.Integration.Data;

/// <summary>
/// Writes a Cars-196-shaped <c>cars_annos.mat</c> (MAT Level 5, each variable zlib-compressed as MATLAB's default -v7
/// does), written here from MathWorks' format description: struct array <c>annotations</c> with fields
/// relative_im_path (char, UTF-16), bbox_x1..bbox_y2 and class (double stored as uint8, as MATLAB shrinks them), test
/// (uint8), and a cell array <c>class_names</c>.
/// </summary>
public static class MatFixtures
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiMatrix = 14, MiCompressed = 15;
    private const int MxCell = 1, MxStruct = 2, MxChar = 4, MxDouble = 6, MxUInt8 = 9;

    public static void CarsAnnotations(string path, (string Path, int Class)[] images)
    {
        string[] fields = ["relative_im_path", "bbox_x1", "bbox_y1", "bbox_x2", "bbox_y2", "class", "test"];
        var body = new MemoryStream();
        Element(body, MiInt32, Int32s(32));
        Element(body, MiInt8, Encoding.ASCII.GetBytes(string.Concat(fields.Select(f => f.PadRight(32, '\0')))));
        foreach (var (imagePath, classId) in images)
        {
            body.Write(Matrix(MxChar, [1, imagePath.Length], "", MiUInt16, imagePath.SelectMany(c => BitConverter.GetBytes((ushort)c)).ToArray()));
            foreach (var value in new byte[] { 1, 2, 20, 14 }) body.Write(Matrix(MxDouble, [1, 1], "", MiUInt8, [value]));
            body.Write(Matrix(MxDouble, [1, 1], "", MiUInt8, [(byte)classId]));
            body.Write(Matrix(MxUInt8, [1, 1], "", MiUInt8, [0]));
        }
        var annotations = MatrixWithBody(MxStruct, [1, images.Length], "annotations", body.ToArray());

        var names = new MemoryStream();
        foreach (var name in new[] { "AM General Hummer SUV 2000", "Acura RL Sedan 2012" })
            names.Write(Matrix(MxChar, [1, name.Length], "", MiUInt16, name.SelectMany(c => BitConverter.GetBytes((ushort)c)).ToArray()));
        var classNames = MatrixWithBody(MxCell, [1, 2], "class_names", names.ToArray());

        using var file = File.Create(path);
        file.Write(Header());
        foreach (var variable in new[] { annotations, classNames }) Compressed(file, variable);
    }

    /// <summary>Variable <c>nested</c>: 1×1 cells inside each other <paramref name="depth"/> levels deep, a 1×1 double at the bottom.</summary>
    public static void NestedCells(string path, int depth)
    {
        var inner = Matrix(MxDouble, [1, 1], "", MiUInt8, [7]);
        for (var level = 0; level < depth; level++) inner = MatrixWithBody(MxCell, [1, 1], level == depth - 1 ? "nested" : "", inner);
        Write(path, inner);
    }

    /// <summary>Variable <c>forged</c>: a cell array whose dimensions claim <paramref name="count"/> elements, none stored.</summary>
    public static void CellClaiming(string path, int count) => Write(path, MatrixWithBody(MxCell, [1, count], "forged", []));

    /// <summary>Variable <c>rows</c>: a char array whose dimensions claim <paramref name="rows"/> rows of the 2 characters it stores.</summary>
    public static void TextClaimingRows(string path, int rows) => Write(path, Matrix(MxChar, [rows, 1], "rows", MiUInt16, [65, 0, 66, 0]));

    /// <summary>Variable <c>zeros</c>: a uint8 array of <paramref name="bytes"/> zeros, which zlib shrinks about 1000-fold.</summary>
    public static void Zeros(string path, int bytes) => Write(path, Matrix(MxUInt8, [1, bytes], "zeros", MiUInt8, new byte[bytes]));

    private static void Write(string path, byte[] matrixElement)
    {
        using var file = File.Create(path);
        file.Write(Header());
        Compressed(file, matrixElement);
    }

    private static byte[] Header()
    {
        var header = new byte[128];
        Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Wed Nov 25 12:00:00 2026".PadRight(116)).CopyTo(header, 0);
        header[124] = 0x00;
        header[125] = 0x01;
        header[126] = (byte)'I';
        header[127] = (byte)'M';
        return header;
    }

    private static void Compressed(Stream file, byte[] matrixElement)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(matrixElement);
        Tag(file, MiCompressed, (int)compressed.Length);
        file.Write(compressed.ToArray());
    }

    private static byte[] Matrix(int classCode, int[] dimensions, string name, int dataType, byte[] data)
    {
        var body = new MemoryStream();
        Element(body, dataType, data);
        return MatrixWithBody(classCode, dimensions, name, body.ToArray());
    }

    private static byte[] MatrixWithBody(int classCode, int[] dimensions, string name, byte[] body)
    {
        var content = new MemoryStream();
        Element(content, MiUInt32, [(byte)classCode, 0, 0, 0, 0, 0, 0, 0]);
        Element(content, MiInt32, Int32s(dimensions));
        Element(content, MiInt8, Encoding.ASCII.GetBytes(name));
        content.Write(body);
        var element = new MemoryStream();
        Element(element, MiMatrix, content.ToArray());
        return element.ToArray();
    }

    /// <summary>A data element: the small form (type and length in one word) for 1–4 bytes, else tag + data + padding.</summary>
    private static void Element(Stream stream, int type, byte[] data)
    {
        if (data.Length is > 0 and <= 4)
        {
            Span<byte> small = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(small, (uint)(data.Length << 16 | type));
            data.CopyTo(small[4..]);
            stream.Write(small);
            return;
        }
        Tag(stream, type, data.Length);
        stream.Write(data);
        stream.Write(new byte[(8 - data.Length % 8) % 8]);
    }

    private static void Tag(Stream stream, int type, int length)
    {
        Span<byte> tag = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tag, type);
        BinaryPrimitives.WriteInt32LittleEndian(tag[4..], length);
        stream.Write(tag);
    }

    private static byte[] Int32s(params int[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();
}
