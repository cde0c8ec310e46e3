using AutoLR.Commands;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AutoLR.Queue;

/// <summary>How one job process ended, as its exit code and its <see cref="RunRecord"/> tell.</summary>
public enum JobProcessEnd { Finished, Stopped, Failed }

/// <param name="End">Finished, stopped at a safe point (resumable), or failed.</param>
/// <param name="ExitCode">The process's exit code (128 + N when signal N killed it).</param>
/// <param name="RunDirectory">The run directory its record names; null when it made none (or died before saying).</param>
/// <param name="Error">The process's own error lines (or its exit status) when it failed.</param>
public sealed record JobProcessResult(JobProcessEnd End, int ExitCode, string? RunDirectory, string? Error);

/// <summary>
/// Runs one job as a child `autolr` process: the same binary the worker is, so a queued job runs exactly as the
/// command would, and a job that crashes or leaks native memory (libtorch, CUDA contexts) takes only itself down.
/// Its output is passed through line by line, prefixed with the job's name, so the journal shows both; how it ended
/// and its run directory come from the <see cref="RunRecord"/> it writes where the worker said, never from that output.
/// The worker's stop request becomes a SIGTERM to the child, which then checkpoints at its next batch.
/// Must be called from a thread that outlives the child: the kernel's parent-death signal
/// (<see cref="WorkerChildProcess"/>) fires when the starting thread ends, not the process.
/// </summary>
public static class JobProcess
{
    private const int Terminate = 15;

    /// <summary>Runs the job to its end in <paramref name="workingDirectory"/>, which must exist; its record goes to <paramref name="recordFile"/>.</summary>
    public static JobProcessResult Run(string job, IReadOnlyList<string> arguments, string workingDirectory, string recordFile, TextWriter log, CancellationToken stop)
    {
        // A record left by an earlier attempt must not speak for this one.
        File.Delete(recordFile);
        var start = StartInfo(arguments, workingDirectory, recordFile);
        using var process = new Process { StartInfo = start };
        var errors = new List<string>();
        var gate = new Lock();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            lock (gate) log.WriteLine($"[{job}] {line}");
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            lock (gate)
            {
                log.WriteLine($"[{job}] {line}");
                // The command line's own messages start with "autolr"; log lines start with a time stamp.
                if (line.StartsWith("autolr", StringComparison.Ordinal)) errors.Add(line);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (stop.Register(() => Native.kill(process.Id, Terminate)))
            process.WaitForExit();

        var code = process.ExitCode;
        var record = RunRecord.Read(recordFile);
        lock (gate)
        {
            if (code == 0 && record is { End: nameof(JobEnd.Completed), RunDirectory: { } finished }) return new(JobProcessEnd.Finished, code, finished, null);
            if (code == 0 && record?.End == nameof(JobEnd.Stopped)) return new(JobProcessEnd.Stopped, code, record.RunDirectory, null);
            // A signal is named even when the job printed errors first; a plain exit defers to the job's own messages.
            var described = ChildExit.Describe($"job {job} (autolr {arguments[0]})", code, resume: null) + " See the worker's log.";
            var error = ChildExit.Signal(code) is not null || errors.Count == 0
                ? string.Join(" ", [.. errors.TakeLast(4), described])
                : string.Join(" ", errors.TakeLast(5));
            return new(JobProcessEnd.Failed, code, record?.RunDirectory, error);
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> arguments, string workingDirectory, string recordFile)
    {
        // `autolr` is an apphost (installed tool, build output) or `dotnet autolr.dll` (or a test assembly hosting the
        // command line); run the child the same way.
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The worker cannot tell which program it is (no process path).");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment[WorkerChildProcess.WorkerProcessVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment[RunRecord.Variable] = recordFile;
        // The worker alone speaks to systemd; a job's host must not report READY or STOPPING for the service.
        start.Environment.Remove("NOTIFY_SOCKET");
        return start;
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int kill(int pid, int signal);
    }
}
