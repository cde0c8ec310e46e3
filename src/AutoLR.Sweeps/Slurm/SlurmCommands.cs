using System.Diagnostics;
using System.Globalization;

namespace AutoLR.Sweeps.Slurm;

/// <summary>One array task in the queue: its array's job name and job id, its task id and its state (PENDING, RUNNING, ...).</summary>
public sealed record QueuedTask(string Name, string JobId, int Task, string State);

/// <summary>A Slurm client command that failed; the message names the command, its output and what to check.</summary>
public sealed class SlurmCommandException(string message) : Exception(message);

/// <summary>
/// The Slurm client commands autolr runs: sbatch to submit, squeue to see what runs, scontrol to read the
/// configuration and to requeue one task. Nothing polls: each call is one command that returns at once.
/// </summary>
public static class SlurmCommands
{
    /// <summary>Slurm's default when the configuration cannot be read.</summary>
    public const int DefaultMaxArraySize = 1001;

    public static bool Available(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, command)));

    /// <summary>MaxArraySize from <c>scontrol show config</c> (task ids run 0 .. MaxArraySize - 1), or Slurm's default.</summary>
    public static int MaxArraySize()
    {
        if (!Available("scontrol")) return DefaultMaxArraySize;
        var (code, output, _) = Run("scontrol", ["show", "config"]);
        if (code != 0) return DefaultMaxArraySize;
        foreach (var line in output.Split('\n'))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "MaxArraySize" && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size))
                return size;
        }
        return DefaultMaxArraySize;
    }

    /// <summary>
    /// Submits a script with <c>sbatch --parsable</c>, optionally for some task ids only and after other jobs
    /// (<paramref name="dependency"/>, sbatch's <c>--dependency</c>, e.g. <c>afterany:123:124</c>); returns the job id.
    /// </summary>
    public static string Submit(string script, string? array, string? dependency = null)
    {
        List<string> args = ["--parsable"];
        if (array is not null) args.Add($"--array={array}");
        if (dependency is not null) args.Add($"--dependency={dependency}");
        args.Add(script);
        var (code, output, error) = Run("sbatch", args);
        if (code != 0)
            throw new SlurmCommandException($"sbatch {string.Join(" ", args)} failed (exit {code}): {error.Trim()} " +
                                            "Check the partition, account and limits in the script, or submit it by hand with sbatch.");
        return output.Trim().Split(';')[0];
    }

    /// <summary>The array tasks in the queue (pending, running, requeued) of the given job names, with their array's job id.</summary>
    public static IReadOnlyList<QueuedTask> Queue(IEnumerable<string> jobNames)
    {
        var (code, output, error) = Run("squeue", ["-h", "-r", "-o", "%j %F %K %T", $"--name={string.Join(",", jobNames)}"]);
        if (code != 0) throw new SlurmCommandException($"squeue failed (exit {code}): {error.Trim()} Check that slurmctld is reachable (SLURM_CONF).");
        var tasks = new List<QueuedTask>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 4 && int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var task))
                tasks.Add(new QueuedTask(fields[0], fields[1], task, fields[3]));
        }
        return tasks;
    }

    /// <summary>
    /// Requeues one array task, <c>ARRAYJOB_TASK</c>. Never the bare job id: for the task whose job id equals the array's,
    /// that would requeue the whole array, every task of it.
    /// </summary>
    public static void RequeueTask(string arrayJobId, string taskId)
    {
        var (code, _, error) = Run("scontrol", ["requeue", $"{arrayJobId}_{taskId}"]);
        if (code != 0)
            throw new SlurmCommandException($"scontrol requeue {arrayJobId}_{taskId} failed (exit {code}): {error.Trim()} " +
                                            "The cell stopped with a checkpoint; resubmit it with `autolr sweep-status --resubmit`.");
    }

    private static (int Code, string Output, string Error) Run(string command, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
