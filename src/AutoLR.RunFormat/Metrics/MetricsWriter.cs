namespace AutoLR.RunFormat.Metrics;

/// <summary>
/// Appends epochs to a metrics.jsonl. Each line is flushed as it is written so that a run that is killed keeps every
/// line up to the last one, and `tail -f` shows progress.
/// </summary>
public sealed class MetricsWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public MetricsWriter(string path)
    {
        Path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { NewLine = "\n" };
    }

    public string Path { get; }

    public void Append(EpochMetrics epoch)
    {
        var line = MetricsFile.Line(epoch);
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }
}
