namespace AutoLR.Runs;

/// <summary>Another process owns the run directory (<see cref="RunDirectoryLock"/>); using it too would splice two runs into one.</summary>
public sealed class RunDirectoryInUseException(string runDirectory, string lockFile, int? holder) : Exception(
    $"run directory {runDirectory} is in use by {(holder is { } id ? $"process {id}" : "another process")} " +
    $"(it holds the lock on {lockFile}); wait for that process to finish, or stop it " +
    $"({(holder is { } pid ? $"kill -TERM {pid}" : "SIGTERM")} stops it at a safe point), then run the command again.")
{
    /// <summary>The owner's process id, when it had written it.</summary>
    public int? Holder { get; } = holder;
}
