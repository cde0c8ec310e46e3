namespace AutoLR.Experiments.Stages;

/// <summary>
/// The byte lengths of every append-only file under a run directory — <c>*.jsonl</c> (trace, per-depth traces,
/// metrics, sweep cells) and TensorBoard event files (appended one record per value) — stored in each checkpoint.
/// Resuming cuts the files back to those lengths, so what the interrupted epoch wrote, which the resumed run writes
/// again, appears once: in trace and metrics, and as one point per step in TensorBoard.
/// </summary>
public static class JsonLinesLengths
{
    /// <summary>Relative path → length in bytes, for the files as they are now.</summary>
    public static Dictionary<string, long> Measure(string runFolder) =>
        AppendOnlyFiles(runFolder)
            .ToDictionary(f => Path.GetRelativePath(runFolder, f), f => new FileInfo(f).Length, StringComparer.Ordinal);

    /// <summary>Cuts each file back to its recorded length; files the checkpoint does not know are emptied.</summary>
    public static void Restore(string runFolder, IReadOnlyDictionary<string, long> lengths)
    {
        foreach (var file in AppendOnlyFiles(runFolder))
        {
            var length = lengths.TryGetValue(Path.GetRelativePath(runFolder, file), out var recorded) ? recorded : 0;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
            if (stream.Length < length)
                throw new JobFailure($"{file} is shorter ({stream.Length} bytes) than its checkpoint recorded ({length}); it was truncated " +
                                     "outside autolr. Restore it, or delete the checkpoints to restart the run.");
            stream.SetLength(length);
        }
    }

    /// <summary>A resumed stage's TensorBoard writer starts a new event file; the old ones keep the epochs before it.</summary>
    private static IEnumerable<string> AppendOnlyFiles(string runFolder) =>
        Directory.EnumerateFiles(runFolder, "*.jsonl", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(runFolder, "events.out.tfevents.*", SearchOption.AllDirectories));
}
