namespace AutoLR.Queue;

/// <summary>
/// A worker's hold on one job: an exclusive record lock (fcntl) on <c>locks/{job}.lock</c>, taken before the job file
/// moves and kept until it has reached done/ or failed/. The kernel drops the lock when the worker ends, however it
/// ends (kill -9, crash, power loss), so a job in running/ whose lock is free was left by a dead worker and is
/// adopted (resumed) by the next one; a job whose lock is held belongs to a live worker and is never touched.
/// Taking the lock before the rename closes the window in which another worker could see a claimed job unlocked.
/// The lock file never moves and is never deleted: deleting it would let two workers lock two different files.
/// </summary>
public sealed class JobClaim : IDisposable
{
    private readonly FileStream _lock;

    private JobClaim(QueueFolder queue, string job, FileStream lockFile, bool adopted)
    {
        Queue = queue;
        Job = job;
        _lock = lockFile;
        Adopted = adopted;
    }

    public QueueFolder Queue { get; }
    public string Job { get; }

    /// <summary>True when the job was found in running/, left there by a worker that has ended: it is resumed, not started.</summary>
    public bool Adopted { get; }

    public string RunningFile => QueueFolder.JobFile(Queue.Running, Job);

    /// <summary>The first job in running/ whose worker is gone, locked for this worker; null when there is none.</summary>
    public static JobClaim? AdoptAbandoned(QueueFolder queue)
    {
        foreach (var job in QueueFolder.JobsIn(queue.Running))
        {
            if (TryLock(queue, job) is not { } held) continue;
            // The owner may have finished it between the listing and the lock.
            if (File.Exists(QueueFolder.JobFile(queue.Running, job))) return new JobClaim(queue, job, held, adopted: true);
            held.Dispose();
        }
        return null;
    }

    /// <summary>Takes the oldest pending job by moving it to running/ under its lock; null when pending/ is empty.</summary>
    public static JobClaim? ClaimNext(QueueFolder queue)
    {
        foreach (var job in QueueFolder.JobsIn(queue.Pending))
        {
            if (TryLock(queue, job) is not { } held) continue;
            try
            {
                // rename(2) is atomic: of several workers that got here in turn, only the first finds the source.
                File.Move(QueueFolder.JobFile(queue.Pending, job), QueueFolder.JobFile(queue.Running, job));
                return new JobClaim(queue, job, held, adopted: false);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                held.Dispose();
            }
        }
        return null;
    }

    /// <summary>
    /// Records how the job ended in its file (written whole, in running/), then moves it to done/ or failed/. A worker
    /// killed between the two steps leaves an ended job in running/; the next one only finishes the move
    /// (<see cref="QueuedJob.Ended"/> is set), it never runs the job again.
    /// </summary>
    public void Finish(QueuedJob ended, string stateFolder)
    {
        ended.WriteTo(RunningFile);
        File.Move(RunningFile, QueueFolder.JobFile(stateFolder, Job), overwrite: true);
    }

    /// <summary>True while some live worker holds the job's lock (for status; takes and drops the lock when it is free).</summary>
    public static bool IsHeld(QueueFolder queue, string job)
    {
        using var held = TryLock(queue, job);
        return held is null;
    }

    private static FileStream? TryLock(QueueFolder queue, string job)
    {
        // Shared open, exclusive record lock, as RunDirectoryLock: FileShare.None's flock can be switched off.
        var file = new FileStream(queue.LockOf(job), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        try
        {
            // Linux only, as RunDirectoryLock: .NET has no record locks on macOS, and autolr ships Linux's libtorch.
            if (!OperatingSystem.IsMacOS()) file.Lock(0, 1);
            return file;
        }
        catch (IOException)
        {
            file.Dispose();
            return null;
        }
    }

    /// <summary>Closing the lock file releases the claim.</summary>
    public void Dispose() => _lock.Dispose();
}
