namespace AutoLR.Queue;

/// <summary>
/// A job queue in a folder. A job is one JSON file (<see cref="QueuedJob"/>) that moves, by atomic rename within one
/// file system, through <c>pending/</c> → <c>running/</c> → <c>done/</c> or <c>failed/</c>; its run directories live
/// under <c>runs/{job}/</c> and its claim lock in <c>locks/{job}.lock</c> (<see cref="JobClaim"/>). File names sort in
/// the order the jobs were enqueued, so "the next job" is the first name in pending/.
/// </summary>
public sealed class QueueFolder
{
    public const string JobExtension = ".json";

    public QueueFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }
    public string Pending => Sub("pending");
    public string Running => Sub("running");
    public string Done => Sub("done");
    public string Failed => Sub("failed");
    public string Runs => Sub("runs");
    public string Locks => Sub("locks");

    /// <summary>Creates the sub-folders (idempotent), so enqueue and worker may start in either order.</summary>
    public QueueFolder Prepare()
    {
        foreach (var folder in new[] { Pending, Running, Done, Failed, Runs, Locks }) Directory.CreateDirectory(folder);
        return this;
    }

    /// <summary>The job names (file names without extension) in one state folder, oldest first; temporary files are not jobs.</summary>
    public static IReadOnlyList<string> JobsIn(string stateFolder) =>
        Directory.Exists(stateFolder)
            ? [.. Directory.GetFiles(stateFolder, "*" + JobExtension)
                .Select(System.IO.Path.GetFileName)
                .Where(n => !n!.StartsWith('.'))
                .Select(n => System.IO.Path.GetFileNameWithoutExtension(n)!)
                .Order(StringComparer.Ordinal)]
            : [];

    public static string JobFile(string stateFolder, string job) => System.IO.Path.Combine(stateFolder, job + JobExtension);

    /// <summary>Where the run directories of one job go (the job's --output).</summary>
    public string RunsOf(string job) => System.IO.Path.Combine(Runs, job);

    public string LockOf(string job) => System.IO.Path.Combine(Locks, job + ".lock");

    private string Sub(string name) => System.IO.Path.Combine(Path, name);
}
