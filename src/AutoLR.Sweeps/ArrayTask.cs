using System.Globalization;
using AutoLR.Commands;
using AutoLR.Sweeps.Slurm;

namespace AutoLR.Sweeps;

/// <summary>
/// One cell of a folder of independent, resumable cells — a sweep's grid point, a comparison's cell — as one Slurm
/// array task (or a user by hand) runs it. The folder kinds say what a cell is; <see cref="ArrayTask"/> runs it.
/// </summary>
public interface IArrayCell
{
    int Index { get; }

    /// <summary>Its name in messages, e.g. "alpha=2,beta=0.4" or "seed3/autolr".</summary>
    string Label { get; }

    /// <summary>Its own run directory.</summary>
    string Folder { get; }

    /// <summary>True exactly when its results exist.</summary>
    bool IsFinished { get; }

    bool HasCheckpoint { get; }

    /// <summary>Why it cannot start yet (a cell it needs has not finished), or null.</summary>
    string? Blocked { get; }

    /// <summary>The command line that runs it again, e.g. "autolr sweep-cell --sweep DIR --index 3".</summary>
    string ResumeCommand { get; }

    /// <summary>Runs (or resumes) its job to the end or to a stop requested through <paramref name="environment"/>; returns the exit code.</summary>
    Task<int> RunAsync(CommandEnvironment environment);
}

/// <summary>The cell folder cannot be opened, or no cell has that index; the message names the fix.</summary>
public sealed class ArrayTaskException(string message) : Exception(message);

/// <summary>
/// What one array task runs, a resumable function of its index: results exist → exit 0 at once; a checkpoint exists →
/// resume; else start. On the warning signal it stops at the next batch, checkpoints, requeues this task only and exits
/// <see cref="ExitCodes.CellNotFinished"/>; on SIGTERM (preemption, scancel, the end of the time limit) it stops and
/// checkpoints the same way but leaves requeueing to Slurm. A cell that must wait for another exits
/// <see cref="ExitCodes.CellNotFinished"/> without starting. Exit 0 means the cell's results exist, nothing else.
/// </summary>
public static class ArrayTask
{
    /// <param name="command">The command that runs a cell, e.g. "sweep-cell", for messages.</param>
    /// <param name="open">The cell of an index; throws <see cref="ArrayTaskException"/> naming what is wrong.</param>
    /// <param name="indexText">--index, or null to take --first plus SLURM_ARRAY_TASK_ID.</param>
    /// <param name="firstText">--first: the cell of array task 0.</param>
    /// <param name="environment">The process's streams and variables.</param>
    public static async Task<int> RunAsync(string command, Func<int, IArrayCell> open, string? indexText, string? firstText, CommandEnvironment environment)
    {
        // First, so that an early warning cannot take SIGUSR2's default action and kill the cell without a checkpoint.
        using var warning = new WarningSignal();
        IArrayCell cell;
        try
        {
            cell = open(Index(indexText, firstText, environment.Variables));
        }
        catch (ArrayTaskException e)
        {
            environment.Error.WriteLine($"autolr {command}: configuration error: {e.Message}");
            return ExitCodes.InvalidConfiguration;
        }
        if (cell.IsFinished)
        {
            environment.Out.WriteLine($"autolr {command}: cell {cell.Index} ({cell.Label}) is finished; results in {cell.Folder}");
            return ExitCodes.Success;
        }
        if (cell.Blocked is { } waiting)
        {
            environment.Error.WriteLine($"autolr {command}: cell {cell.Index} ({cell.Label}) cannot start: {waiting} It starts with: {cell.ResumeCommand}");
            return ExitCodes.CellNotFinished;
        }
        environment.Error.WriteLine($"autolr {command}: {Now()} cell {cell.Index} ({cell.Label}) " +
                                    $"{(cell.HasCheckpoint ? "resumes from its checkpoint" : "starts")}, attempt {Attempt(environment.Variables)}");

        var code = await cell.RunAsync(environment with { StopRequested = warning.Token });
        if (cell.IsFinished) return ExitCodes.Success;
        if (code != ExitCodes.Success) return code;
        if (warning.Received) Requeue(command, cell, environment);
        environment.Error.WriteLine($"autolr {command}: cell {cell.Index} stopped unfinished (exit {ExitCodes.CellNotFinished}); it resumes with: {cell.ResumeCommand}");
        return ExitCodes.CellNotFinished;
    }

    /// <summary>This task only, as ARRAYJOB_TASK; the bare job id of task 0 would name the whole array.</summary>
    private static void Requeue(string command, IArrayCell cell, CommandEnvironment environment)
    {
        if (!environment.Variables.TryGetValue("SLURM_ARRAY_JOB_ID", out var job) || !environment.Variables.TryGetValue("SLURM_ARRAY_TASK_ID", out var task))
        {
            environment.Error.WriteLine($"autolr {command}: cell {cell.Index} stopped on the warning signal with a checkpoint; not a Slurm array task, so nothing was requeued.");
            return;
        }
        // Said before the call: the requeue ends this task's processes, possibly before a line written after it.
        environment.Error.WriteLine($"autolr {command}: {Now()} cell {cell.Index} stopped on the warning signal with a checkpoint; requeueing {job}_{task}");
        environment.Error.Flush();
        try
        {
            SlurmCommands.RequeueTask(job, task);
        }
        catch (Exception e) when (e is SlurmCommandException or System.ComponentModel.Win32Exception)
        {
            environment.Error.WriteLine($"autolr {command}: {e.Message}");
        }
    }

    private static int Index(string? indexText, string? firstText, IReadOnlyDictionary<string, string> variables)
    {
        if (indexText is not null) return Number("--index", indexText);
        var first = firstText is null ? 0 : Number("--first", firstText);
        if (!variables.TryGetValue("SLURM_ARRAY_TASK_ID", out var task))
            throw new ArrayTaskException("no cell given: pass --index N, or run as a Slurm array task (SLURM_ARRAY_TASK_ID).");
        return first + Number("SLURM_ARRAY_TASK_ID", task);
    }

    private static int Number(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArrayTaskException($"{name} '{text}' is not a cell index; give a whole number from 0.");

    private static string Attempt(IReadOnlyDictionary<string, string> variables) =>
        variables.TryGetValue("SLURM_RESTART_COUNT", out var count) ? $"{int.Parse(count, CultureInfo.InvariantCulture) + 1}" : "1";

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
