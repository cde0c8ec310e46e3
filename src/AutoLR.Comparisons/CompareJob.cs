using AutoLR.Algorithms;
using AutoLR.Experiments;
using AutoLR.Experiments.Comparison;
using AutoLR.Settings;
using AutoLR.RunFormat.Comparisons;
using AutoLR.Torch.Devices;

namespace AutoLR.Comparisons;

/// <summary>
/// `compare --schedules autolr,single,... --seeds 1,2,3`: the comparison's run directory holds one cell per seed's
/// pruning search and per method and seed (<see cref="ComparisonFolder"/>); this job runs the unfinished ones — here,
/// one after another (<see cref="CellsHere"/>), or side by side in --jobs child processes
/// (<see cref="CellsSideBySide"/>) — and then writes report.md from their cell.json (<see cref="ComparisonReport"/>).
/// A stopped or killed comparison resumes with every finished cell kept and every other resumed from its checkpoint.
/// </summary>
public sealed class CompareJob : IJob
{
    public JobResult Run(RunContext context)
    {
        var folder = Folder(context);
        var jobs = context.Settings.Get(DeviceSettings.Jobs);
        var finished = jobs <= 1 ? CellsHere.Run(context, folder) : CellsSideBySide.Run(context, folder, jobs);
        if (!finished) return JobResult.Stopped;
        return JobResult.Completed(ComparisonReport.Build(folder, context.Settings.Get(LearningRateSettings.baseLr), ComparisonSettings.LrFactors(context.Settings.Values)), ComparisonReport.Summary(folder));
    }

    /// <summary>The comparison in the run directory: made on a fresh run, reopened on resume.</summary>
    private static ComparisonFolder Folder(RunContext context)
    {
        var path = context.Run.Path;
        try
        {
            if (Directory.GetParent(path)?.Parent?.FullName is { } root && ComparisonFolder.Exists(root))
            {
                var (_, cell) = ComparisonFolder.OfCell(path);
                throw new JobFailure($"{path} is cell {cell.Index} ({cell.Folder}) of the comparison {root}: continue the comparison with " +
                                     $"`autolr compare --resume {root}`, or this cell alone with `autolr {CompareCellCommand.Name} --comparison {root} --index {cell.Index}`.");
            }
            if (ComparisonFolder.Exists(path) || context.IsResumed && Directory.Exists(Path.Combine(path, AutoLR.Runs.RunFolder.CheckpointFolderName)))
                return ComparisonFolder.Open(path);
            return ComparisonFolder.Prepare(path, context.Settings, DateTimeOffset.UtcNow);
        }
        catch (ComparisonFolderException e)
        {
            throw new JobFailure(e.Message);
        }
    }

    /// <summary>Where a comparison cell's own files are, for messages.</summary>
    public static string CellFile(ComparisonFolder folder, ComparisonCell cell) => Path.Combine(folder.CellFolder(cell), ComparisonCellFile.FileName);
}
