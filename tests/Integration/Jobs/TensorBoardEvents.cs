using System.Buffers.Binary;

namespace AutoLR.Integration.Jobs;

/// <summary>
/// Reads TensorBoard event files (TFRecord framing: u64 length, u32 CRC, an Event protobuf, u32 CRC) far enough to
/// compare runs: each event that carries values, as its step and its summary bytes, wall-clock time left out.
/// </summary>
public static class TensorBoardEvents
{
    /// <summary>"step: summary bytes" for every valued event in every event file under <paramref name="folder"/>, sorted.</summary>
    public static List<string> Values(string folder)
    {
        var values = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "events.out.tfevents.*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            for (var at = 0; at < bytes.Length;)
            {
                var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
                if (ValuedEvent(bytes.AsSpan(at + 12, length)) is { } value) values.Add(value);
                at += 12 + length + 4;
            }
        }
        values.Sort(StringComparer.Ordinal);
        return values;
    }

    /// <summary>Event fields: 1 wall_time (double), 2 step (varint), 3 file_version (bytes), 5 summary (bytes).</summary>
    private static string? ValuedEvent(ReadOnlySpan<byte> message)
    {
        long step = 0;
        string? summary = null;
        for (var at = 0; at < message.Length;)
        {
            var key = (int)Varint(message, ref at);
            switch (key & 7)
            {
                case 0:
                    var number = Varint(message, ref at);
                    if (key >> 3 == 2) step = number;
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    if (key >> 3 == 5) summary = Convert.ToHexString(message.Slice(at, length));
                    at += length;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
        return summary is null ? null : $"{step}: {summary}";
    }

    private static long Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        long value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (long)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
