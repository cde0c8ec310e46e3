using AutoLR.Torch.Devices;
using AutoLR.Commands;
using AutoLR.Runs;
using AutoLR.Settings;

namespace AutoLR.Queue;

/// <summary>
/// The command line a worker runs for a job: the queued command with its run directories under
/// <c>runs/{job}/</c>, or — for a job adopted from a worker that ended — <c>--resume</c> of the run directory it
/// had started, exactly as a user would resume it. The worker's <c>--device</c> is added either way (resume allows it).
/// </summary>
public static class JobLaunch
{
    /// <summary>How long a job process of a worker that was killed may take to die and free its run directory.</summary>
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<string> Arguments(QueueFolder queue, string job, QueuedJob queued, bool adopted, string? device)
    {
        var deviceSwitch = device is null ? Array.Empty<string>() : [DeviceSettings.Device.Switch, device];
        var resumable = CommandCatalog.Get(queued.Command).StoredRun == StoredRunUse.Resumable;
        if (adopted && resumable && NewestRunOf(queue, job) is { } run)
        {
            WaitUntilFree(run);
            return [queued.Command, "--resume", run, .. deviceSwitch];
        }
        return [queued.Command, .. queued.Arguments, OutputSettings.Output.Switch, queue.RunsOf(job), .. deviceSwitch];
    }

    /// <summary>The job's newest run directory (their names start with the creation time), or null before it made one.</summary>
    public static string? NewestRunOf(QueueFolder queue, string job)
    {
        var runs = queue.RunsOf(job);
        return Directory.Exists(runs) ? Directory.GetDirectories(runs).Order(StringComparer.Ordinal).LastOrDefault() : null;
    }

    /// <summary>
    /// The killed worker's job process dies by the kernel's parent-death signal, a moment after the worker; wait
    /// for it to release the run directory rather than fail the resume with "in use".
    /// </summary>
    private static void WaitUntilFree(string run)
    {
        var deadline = DateTime.UtcNow + OrphanGrace;
        while (true)
        {
            try
            {
                RunDirectoryLock.Acquire(run).Dispose();
                return;
            }
            catch (RunDirectoryInUseException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            catch (RunDirectoryInUseException)
            {
                // Still held: the resume reports who holds it and the job fails with that message.
                return;
            }
        }
    }
}
