using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using AutoLR.Torch.Inputs;

namespace AutoLR.Runs.Checkpoints;

/// <summary>
/// The checkpoint file layout (little-endian):
/// <code>
/// magic "AUTOLRCK" (8) | version u32 | entry count u32 | payload length u64
/// payload: per entry, name length u16 + UTF-8 name + blob length u64; then the blobs in the same order
/// SHA-256 (32) of every byte before it
/// </code>
/// The payload length lets a truncated file be told apart from an altered one; the checksum catches any change.
/// </summary>
public static class CheckpointFormat
{
    public const int Version = 1;
    private static readonly byte[] Magic = "AUTOLRCK"u8.ToArray();
    private const int HeaderLength = 8 + 4 + 4 + 8;
    private const int ChecksumLength = 32;

    public static void Write(Stream output, Checkpoint checkpoint)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var table = new MemoryStream();
        Span<byte> numbers = stackalloc byte[8];
        foreach (var name in checkpoint.Names)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            BinaryPrimitives.WriteUInt16LittleEndian(numbers, (ushort)nameBytes.Length);
            table.Write(numbers[..2]);
            table.Write(nameBytes);
            BinaryPrimitives.WriteUInt64LittleEndian(numbers, (ulong)checkpoint.Get(name).LongLength);
            table.Write(numbers);
        }
        var payloadLength = table.Length + checkpoint.Names.Sum(n => checkpoint.Get(n).LongLength);

        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)checkpoint.Names.Count);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(16), (ulong)payloadLength);

        void Emit(ReadOnlySpan<byte> bytes)
        {
            hash.AppendData(bytes);
            output.Write(bytes);
        }

        Emit(header);
        Emit(table.GetBuffer().AsSpan(0, (int)table.Length));
        foreach (var name in checkpoint.Names) Emit(checkpoint.Get(name));
        output.Write(hash.GetHashAndReset());
    }

    /// <summary>
    /// Reads and verifies a checkpoint; any damage, and a file that cannot be read at all (not a regular file, larger
    /// than a .NET array holds, permission denied), throws <see cref="CheckpointCorruptException"/> naming the file.
    /// </summary>
    public static Checkpoint Read(string file)
    {
        if (InputFile.Problem(file, Array.MaxLength) is { } problem)
            throw new CheckpointCorruptException(file, $"it cannot be read as a checkpoint: {problem}");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointCorruptException(file, $"it cannot be read ({e.Message})");
        }
        if (bytes.Length < HeaderLength + ChecksumLength)
            throw new CheckpointCorruptException(file, $"it is truncated: {bytes.Length} bytes, shorter than the {HeaderLength + ChecksumLength}-byte frame");
        if (!bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new CheckpointCorruptException(file, "it does not start with the AUTOLRCK marker, so it is not an AutoLR checkpoint");
        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (version != Version)
            throw new CheckpointCorruptException(file, $"format version {version} is not the supported version {Version}");
        var count = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        var payloadLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16));
        var expected = (ulong)HeaderLength + payloadLength + ChecksumLength;
        if ((ulong)bytes.Length < expected)
            throw new CheckpointCorruptException(file, $"it is truncated: {bytes.Length} of {expected} bytes");
        if ((ulong)bytes.Length > expected)
            throw new CheckpointCorruptException(file, $"it has {(ulong)bytes.Length - expected} unexpected bytes after the end");
        var body = bytes.AsSpan(0, bytes.Length - ChecksumLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumLength)))
            throw new CheckpointCorruptException(file, "its SHA-256 checksum does not match its content (bytes were altered)");
        return ParsePayload(file, bytes, count);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static Checkpoint ParsePayload(string file, byte[] bytes, uint count)
    {
        var end = bytes.Length - ChecksumLength;
        var at = HeaderLength;
        var entries = new List<(string Name, long Length)>();
        for (var i = 0; i < count; i++)
        {
            if (at + 2 > end) throw new CheckpointCorruptException(file, "its entry table runs past the payload");
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
            at += 2;
            if (at + nameLength + 8 > end) throw new CheckpointCorruptException(file, "its entry table runs past the payload");
            if (nameLength == 0) throw new CheckpointCorruptException(file, $"entry {i + 1} of its table has an empty name");
            string name;
            try
            {
                // Strict: a lenient decoder would turn each bad byte into U+FFFD, three bytes, and a name of up to
                // 65,535 bytes into one the checkpoint cannot hold.
                name = StrictUtf8.GetString(bytes, at, nameLength);
            }
            catch (DecoderFallbackException)
            {
                throw new CheckpointCorruptException(file, $"entry {i + 1} of its table has a name that is not UTF-8");
            }
            at += nameLength;
            entries.Add((name, (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at))));
            at += 8;
        }
        var checkpoint = new Checkpoint();
        foreach (var (name, length) in entries)
        {
            if (length < 0 || at + length > end) throw new CheckpointCorruptException(file, $"entry '{name}' runs past the payload");
            checkpoint.Set(name, bytes.AsSpan(at, (int)length).ToArray());
            at += (int)length;
        }
        if (at != end) throw new CheckpointCorruptException(file, "its entries do not fill the declared payload");
        return checkpoint;
    }
}
