using System.Globalization;
using System.Runtime.InteropServices;

namespace AutoLR.Queue;

/// <summary>
/// Ties a job process to the worker that started it. The worker passes its process id in
/// <see cref="WorkerProcessVariable"/>; the job asks the kernel to kill it when the worker ends (PR_SET_PDEATHSIG).
/// Without that, a worker killed with kill -9 would leave its job running unseen, holding the run directory, while the
/// restarted worker resumes the same job. SIGKILL is exact here: the resumed job redoes the epoch from its checkpoint.
/// </summary>
public static class WorkerChildProcess
{
    public const string WorkerProcessVariable = "AUTOLR_WORKER_PID";

    private const int SetParentDeathSignal = 1;
    private const int Kill = 9;

    /// <summary>
    /// Called first thing by the command line. Returns an error message when the worker has already ended (the
    /// process must not run a job nobody will record), else null.
    /// </summary>
    public static string? FollowWorker(IReadOnlyDictionary<string, string> variables)
    {
        if (!OperatingSystem.IsLinux() || !variables.TryGetValue(WorkerProcessVariable, out var text)) return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var worker)) return null;
        Native.prctl(SetParentDeathSignal, Kill, 0, 0, 0);
        // The worker may have died between starting this process and the call above; then the signal never comes.
        return Native.getppid() == worker
            ? null
            : $"autolr: the queue worker (process {worker}) that started this job has ended; the next worker resumes the job.";
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

        [DllImport("libc")]
        public static extern int getppid();
    }
}
