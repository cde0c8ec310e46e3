using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Experiments.Jobs;
using AutoLR.Runs;
using AutoLR.Settings.Grids;
using Microsoft.Extensions.Logging;

namespace AutoLR.Sweeps;

/// <summary>
/// A sweep without a cluster: the cells of the sweep folder one after another, each exactly as an array task runs
/// it (a fine-tune in its own run directory, resumed from its own checkpoint), skipping cells already finished
/// anywhere. Stops at the first cell that stops; `sweep --resume` continues from there.
/// </summary>
public static class LocalSweep
{
    public static JobResult Run(RunContext context, IReadOnlyList<SweepAxis> grid)
    {
        // A resumed sweep keeps the manifest it was made with, whatever --device or --threads it resumes with.
        var sweep = SweepFolder.Exists(context.Run.Path)
            ? SweepFolder.Open(context.Run.Path)
            : SweepFolder.Prepare(context.Run.Path, grid, context.Settings, DateTimeOffset.UtcNow);
        foreach (var cell in sweep.Cells)
        {
            if (sweep.IsFinished(cell)) continue;
            context.Logger.LogInformation("Sweep cell {Index} ({Label})", cell.Index, cell.Label);
            if (!RunCell(context, sweep, cell)) return JobResult.Stopped;
        }
        var table = SweepTable.Collect(sweep);
        return JobResult.Completed(table.Report(), table.Text());
    }

    private static bool RunCell(RunContext context, SweepFolder sweep, SweepCell cell)
    {
        using var run = RunFolder.Open(sweep.CellFolder(cell));
        var settings = CellSettings.With(context.Settings, cell.Point);
        var cellContext = new RunContext
        {
            Command = CommandCatalog.Sweep,
            Settings = settings,
            Run = run,
            Progress = context.Progress,
            Cancellation = context.Cancellation,
            Logger = context.Logger,
            ResumeFrom = run.Checkpoints.LoadLatest().Checkpoint,
            IsResumed = true,
        };
        var result = new FineTuneJob().Run(cellContext);
        if (result.Finished && result.Report is not null) run.WriteReport(result.Report, CommandCatalog.Sweep, settings);
        return result.Finished;
    }
}
