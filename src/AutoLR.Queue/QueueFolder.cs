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

    /// <summary>
    /// What a folder autolr creates for a queue gets: read, write and search for its owner only. A job file is a
    /// command the worker runs as its own user, so only that user (or a group an administrator chose, by creating the
    /// folders with group write access) may add one; existing folders keep their modes.
    /// </summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the queue folder and its sub-folders where missing (idempotent), so enqueue and worker may start in either order.</summary>
    public QueueFolder Prepare()
    {
        foreach (var folder in new[] { Path, Pending, Running, Done, Failed, Runs, Locks })
            if (!Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
                else Directory.CreateDirectory(folder, FolderMode);
            }
        return this;
    }

    /// <summary>
    /// The first folder from which a job could start that every user of the machine may write to, or null. A job there
    /// would run as the worker's user on behalf of anyone, so the worker refuses such a queue.
    /// </summary>
    public string? WritableByEveryone()
    {
        if (OperatingSystem.IsWindows()) return null;
        foreach (var folder in new[] { Path, Pending, Running })
            if (Directory.Exists(folder) && (File.GetUnixFileMode(folder) & UnixFileMode.OtherWrite) != 0) return folder;
        return null;
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

    /// <summary>Where the job's process writes its <see cref="AutoLR.Commands.RunRecord"/>: run directory and end.</summary>
    public string RunRecordOf(string job) => System.IO.Path.Combine(Locks, job + ".run");

    private string Sub(string name) => System.IO.Path.Combine(Path, name);
}
