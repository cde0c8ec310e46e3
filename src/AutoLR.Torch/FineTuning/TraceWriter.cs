using AutoLR.Algorithms;

namespace AutoLR.Torch.FineTuning;

/// <summary>
/// Appends one line per trial to <c>trace.jsonl</c> (DESIGN.md §3), flushed per line so a killed run keeps every
/// finished trial. The line is the record as the F# <see cref="TraceLine"/> writes it, never recomputed.
/// </summary>
public sealed class TraceWriter : IDisposable
{
    private readonly StreamWriter _writer;

    /// <param name="path">The trace file; created if missing, appended to otherwise (a resumed run continues it).</param>
    public TraceWriter(string path)
    {
        Path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
    }

    public string Path { get; }

    public void Write(TrialRecord record)
    {
        _writer.WriteLine(TraceLine.write(record));
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
