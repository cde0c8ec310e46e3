using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoLR.Runs;

/// <summary>
/// Appends one JSON object per line to a file (metrics.jsonl; trace.jsonl has the engine's TraceWriter). Each line is flushed as it is written
/// so that a run that is killed keeps every line up to the last one, and `tail -f` shows progress.
/// </summary>
public sealed class JsonLinesWriter : IDisposable
{
    /// <summary>
    /// camelCase property names, as the run directory's files spell them; NaN and ∞ written as strings, because a
    /// diverged epoch must still be recorded.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public JsonLinesWriter(string path)
    {
        Path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { NewLine = "\n" };
    }

    public string Path { get; }

    /// <summary>Serialises <paramref name="record"/> (camelCase) as one line.</summary>
    public void Append<T>(T record) => AppendLine(JsonSerializer.Serialize(record, Json));

    private void AppendLine(string json)
    {
        lock (_gate)
        {
            _writer.WriteLine(json);
            _writer.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }
}
