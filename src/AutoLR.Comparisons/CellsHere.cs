using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Experiments.Comparison;
using AutoLR.Runs;
using Microsoft.Extensions.Logging;

namespace AutoLR.Comparisons;

/// <summary>
/// A comparison's unfinished cells run one after another in this process, seed by seed (its pruning search first),
/// each in its own run directory exactly as a child process or an array task runs it (<see cref="ComparisonCellJob"/>,
/// resumed from its own checkpoint), sharing one opened data set and set of weights. Stops at the first cell that
/// stops; `compare --resume` continues from there.
/// </summary>
public static class CellsHere
{
    /// <summary>True when every cell has finished; false when one stopped on request (its checkpoint is where it resumes).</summary>
    public static bool Run(RunContext context, ComparisonFolder folder)
    {
        Experiment? experiment = null;
        try
        {
            foreach (var cell in folder.Cells.OrderBy(c => c.Seed).ThenBy(c => c.IsSearch ? 0 : 1).ThenBy(c => c.Index))
            {
                if (folder.IsFinished(cell)) continue;
                experiment ??= Experiment.Open(context.Settings, message => context.Logger.LogInformation("{Message}", message));
                context.Logger.LogInformation("Comparison cell {Index} of {Count}: {Folder}", cell.Index, folder.Cells.Count, cell.Folder);
                if (!RunCell(context, folder, cell, experiment)) return false;
            }
            return true;
        }
        finally
        {
            experiment?.Dispose();
        }
    }

    private static bool RunCell(RunContext context, ComparisonFolder folder, ComparisonCell cell, Experiment experiment)
    {
        RunFolder run;
        try
        {
            run = RunFolder.Open(folder.CellFolder(cell));
        }
        catch (RunDirectoryInUseException e)
        {
            throw new JobFailure($"cell {cell.Index} ({cell.Folder}): {e.Message}");
        }
        using (run)
        {
            run.RemoveInterruptedWrites();
            var load = run.Checkpoints.LoadLatest();
            if (load is { Checkpoint: null, Rejected.Count: > 0 })
                throw new JobFailure($"cell {cell.Index} ({cell.Folder}): every checkpoint in {run.Checkpoints.Folder} is damaged or unreadable (" +
                                     string.Join("; ", load.Rejected.Select(r => $"{Path.GetFileName(r.File)}: {r.Problem}")) +
                                     "). Delete them to start that cell again; the other cells keep their results.");
            var cellContext = new RunContext
            {
                Command = CommandCatalog.Compare,
                Settings = ComparisonFolder.SettingsOf(context.Settings, cell),
                Run = run,
                Progress = context.Progress,
                Cancellation = context.Cancellation,
                Logger = context.Logger,
                ResumeFrom = load.Checkpoint,
                IsResumed = true,
            };
            return new ComparisonCellJob(experiment).Run(cellContext).Finished;
        }
    }
}
