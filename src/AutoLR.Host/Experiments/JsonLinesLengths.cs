namespace AutoLR.Host.Experiments;

/// <summary>
/// The byte lengths of every <c>*.jsonl</c> file under a run directory (trace, per-depth traces, metrics, sweep cells),
/// stored in each checkpoint. Resuming cuts the files back to those lengths, so the lines of the interrupted epoch,
/// which the resumed run writes again, appear once.
/// </summary>
public static class JsonLinesLengths
{
    /// <summary>Relative path → length in bytes, for the files as they are now.</summary>
    public static Dictionary<string, long> Measure(string runFolder) =>
        Directory.EnumerateFiles(runFolder, "*.jsonl", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(runFolder, f), f => new FileInfo(f).Length, StringComparer.Ordinal);

    /// <summary>Cuts each file back to its recorded length; files the checkpoint does not know are emptied.</summary>
    public static void Restore(string runFolder, IReadOnlyDictionary<string, long> lengths)
    {
        foreach (var file in Directory.EnumerateFiles(runFolder, "*.jsonl", SearchOption.AllDirectories))
        {
            var length = lengths.TryGetValue(Path.GetRelativePath(runFolder, file), out var recorded) ? recorded : 0;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
            if (stream.Length < length)
                throw new JobFailure($"{file} is shorter ({stream.Length} bytes) than its checkpoint recorded ({length}); it was truncated " +
                                     "outside autolr. Restore it, or delete the checkpoints to restart the run.");
            stream.SetLength(length);
        }
    }
}
