using System.Globalization;
using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Sweeps.Slurm;

namespace AutoLR.Sweeps;

/// <summary>
/// `sweep-cell --sweep DIR [--index N]`: what one array task runs, a resumable function of its index. Results exist
/// → exit 0 at once; a checkpoint exists → resume; else start. On the warning signal it stops at the next batch,
/// checkpoints, requeues this task only and exits <see cref="ExitCodes.CellNotFinished"/>; on SIGTERM (preemption,
/// scancel, the end of the time limit) it stops and checkpoints the same way but leaves requeueing to Slurm.
/// Exit 0 means the cell's results exist, nothing else.
/// </summary>
public static class SweepCellCommand
{
    public static async Task<int> RunAsync(string sweepPath, string? indexText, string? firstText, CommandEnvironment environment, JobCatalog catalog)
    {
        // First, so that an early warning cannot take SIGUSR2's default action and kill the cell without a checkpoint.
        using var warning = new WarningSignal();
        SweepFolder sweep;
        SweepCell cell;
        try
        {
            sweep = SweepFolder.Open(sweepPath);
            cell = sweep.Cell(Index(indexText, firstText, environment.Variables));
        }
        catch (SweepFolderException e)
        {
            environment.Error.WriteLine($"autolr sweep-cell: configuration error: {e.Message}");
            return ExitCodes.InvalidConfiguration;
        }
        var folder = sweep.CellFolder(cell);
        if (sweep.IsFinished(cell))
        {
            environment.Out.WriteLine($"autolr sweep-cell: cell {cell.Index} ({cell.Label}) is finished; results in {folder}");
            return ExitCodes.Success;
        }
        environment.Error.WriteLine($"autolr sweep-cell: {Now()} cell {cell.Index} ({cell.Label}) " +
                                    $"{(sweep.HasCheckpoint(cell) ? "resumes from its checkpoint" : "starts")}, attempt {Attempt(environment.Variables)}");

        // The cell's run directory says `sweep` (see SweepFolder); what runs in it is the catalogue's fine-tune.
        var input = new CommandInput(CommandCatalog.Get(CommandCatalog.Sweep), new Dictionary<string, string?>(), folder, null, null);
        var cellJob = new JobCatalog().Register(CommandCatalog.Sweep, () => catalog.Create(CommandCatalog.FineTune));
        var code = await CommandRunner.RunAsync(input, environment with { StopRequested = warning.Token }, cellJob);
        if (sweep.IsFinished(cell)) return ExitCodes.Success;
        if (code != ExitCodes.Success) return code;
        if (warning.Received) Requeue(cell, environment);
        environment.Error.WriteLine($"autolr sweep-cell: cell {cell.Index} stopped unfinished (exit {ExitCodes.CellNotFinished}); it resumes with: " +
                                    $"autolr sweep-cell --sweep {sweep.Path} --index {cell.Index}");
        return ExitCodes.CellNotFinished;
    }

    /// <summary>This task only, as ARRAYJOB_TASK; the bare job id of task 0 would name the whole array.</summary>
    private static void Requeue(SweepCell cell, CommandEnvironment environment)
    {
        if (!environment.Variables.TryGetValue("SLURM_ARRAY_JOB_ID", out var job) || !environment.Variables.TryGetValue("SLURM_ARRAY_TASK_ID", out var task))
        {
            environment.Error.WriteLine($"autolr sweep-cell: cell {cell.Index} stopped on the warning signal with a checkpoint; not a Slurm array task, so nothing was requeued.");
            return;
        }
        // Said before the call: the requeue ends this task's processes, possibly before a line written after it.
        environment.Error.WriteLine($"autolr sweep-cell: {Now()} cell {cell.Index} stopped on the warning signal with a checkpoint; requeueing {job}_{task}");
        environment.Error.Flush();
        try
        {
            SlurmCommands.RequeueTask(job, task);
        }
        catch (Exception e) when (e is SlurmCommandException or System.ComponentModel.Win32Exception)
        {
            environment.Error.WriteLine($"autolr sweep-cell: {e.Message}");
        }
    }

    private static int Index(string? indexText, string? firstText, IReadOnlyDictionary<string, string> variables)
    {
        if (indexText is not null) return Number("--index", indexText);
        var first = firstText is null ? 0 : Number("--first", firstText);
        if (!variables.TryGetValue("SLURM_ARRAY_TASK_ID", out var task))
            throw new SweepFolderException("no cell given: pass --index N, or run as a Slurm array task (SLURM_ARRAY_TASK_ID).");
        return first + Number("SLURM_ARRAY_TASK_ID", task);
    }

    private static int Number(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new SweepFolderException($"{name} '{text}' is not a cell index; give a whole number from 0.");

    private static string Attempt(IReadOnlyDictionary<string, string> variables) =>
        variables.TryGetValue("SLURM_RESTART_COUNT", out var count) ? $"{int.Parse(count, CultureInfo.InvariantCulture) + 1}" : "1";

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
