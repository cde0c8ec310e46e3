using AutoLR.Experiments.Plans;
using AutoLR.Experiments.Results;
using AutoLR.Experiments.Stages;
using AutoLR.Runs.Checkpoints;
using AutoLR.RunFormat.Comparisons;
using AutoLR.Torch.Data;
using AutoLR.Torch.Devices;
using Microsoft.Extensions.Logging;

namespace AutoLR.Experiments.Comparison;

/// <summary>
/// One cell of `compare` in its own run directory (<see cref="ComparisonFolder"/>): a seed's pruning search
/// (Algorithm 1 on that seed's validation split, test split untouched, <see cref="PruningPlan"/>) or one method on one
/// seed at the depth the search chose or the fixed one (<see cref="ComparisonPlan"/>). Its stages checkpoint after
/// every epoch and resume like any job's; when the last has finished it writes cell.json, which marks the cell
/// finished. Runs the same in the comparison's own process (<paramref name="shared"/>: the data and weights already
/// opened), in a child process or as a Slurm array task.
/// </summary>
public sealed class ComparisonCellJob(Experiment? shared = null) : IJob
{
    public JobResult Run(RunContext context)
    {
        ComparisonFolder folder;
        ComparisonCell cell;
        int depth;
        try
        {
            (folder, cell) = ComparisonFolder.OfCell(context.Run.Path);
            depth = cell.IsSearch ? 0 : folder.DepthOf(cell);
        }
        catch (ComparisonFolderException e)
        {
            throw new JobFailure(e.Message);
        }
        var settings = context.Settings;
        using var own = shared is null ? Experiment.Open(settings, message => context.Logger.LogInformation("{Message}", message)) : null;
        var experiment = shared ?? own!;
        if (experiment.Data.IsQueryGallery)
            throw new JobFailure($"compare scores all-against-all on one test split; {settings.Get(DataSettings.Dataset)} has a query/gallery test split. Use another data set.");

        context.Logger.LogInformation("Comparison cell {Index} ({Folder}){Depth}", cell.Index, cell.Folder,
            cell.IsSearch ? ": pruning search on the seed's validation split" : $" at pruning depth {depth}");
        if (cell.IsSearch)
        {
            var search = new PruningPlan(experiment, settings, context.Run.Path, thenAutoLr: false, testSealed: true);
            if (!new StageRunner(context, experiment, search).Run(out var ledger)) return JobResult.Stopped;
            var result = search.Search(ledger.Done)!;
            var depths = ledger.Done.Where(r => r.Phase == "prune").ToList();
            Write(context, new ComparisonCellRecord(cell.Kind, cell.Seed, null, settings.Get(DeviceSettings.Threads), result.BestDepth,
                [.. depths.Select(r => Stage(r, ledger, point: null))])
            {
                StoppedBecause = result.StoppedBecause, SelectionSaturated = SelectionSaturation.IsSaturated(depths),
            });
        }
        else
        {
            var plan = new ComparisonPlan(experiment, new SealedTestSplit(experiment.Data.Test!), context.Run.Path, settings, depth);
            if (!new StageRunner(context, experiment, plan).Run(out var ledger)) return JobResult.Stopped;
            var chosen = plan.Chosen(ledger.Done);
            var final = ledger.Done.Single(r => r.Label == ComparisonPlan.Final);
            Write(context, new ComparisonCellRecord(cell.Kind, cell.Seed, cell.Schedule, settings.Get(DeviceSettings.Threads), depth,
                [.. ledger.Done.Select(r => Stage(r, ledger, r.Label == ComparisonPlan.Final ? chosen.Label : plan.Grid[int.Parse(r.Label[ComparisonPlan.Tune.Length..])].Label))])
            {
                ChosenPoint = chosen.Label, TestRecallAtK = final.Test,
            });
        }
        return JobResult.Completed();
    }

    private static ComparisonStageRecord Stage(StageResult result, JobLedger ledger, string? point)
    {
        var epochs = ledger.Epochs.Where(e => e.Stage == result.Label).ToList();
        return new ComparisonStageRecord(result.Label, result.Phase, result.Depth, point, result.Selection,
            result.Phase == ComparisonPlan.Final ? result.Test : null, epochs.Sum(e => e.Compute), epochs.Sum(e => e.Seconds), result.Events);
    }

    private static void Write(RunContext context, ComparisonCellRecord record) =>
        DurableFile.WriteAllText(Path.Combine(context.Run.Path, ComparisonCellFile.FileName), ComparisonCellFile.Render(record));
}
