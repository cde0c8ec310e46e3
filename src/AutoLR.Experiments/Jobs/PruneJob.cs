using System.Globalization;
using AutoLR.Algorithms;
using AutoLR.Experiments.Plans;
using AutoLR.Experiments.Results;
using AutoLR.Experiments.Stages;
using AutoLR.Runs;
using AutoLR.RunFormat.Reports;
using Microsoft.Extensions.Logging;
using AutoLR.Settings;

namespace AutoLR.Experiments.Jobs;

/// <summary>`prune`: Algorithm 1 alone; results.json (command "prune") lists every depth with its selection scores.</summary>
public sealed class PruneJob : IJob
{
    public JobResult Run(RunContext context)
    {
        using var experiment = Experiment.Open(context.Settings, message => context.Logger.LogInformation("{Message}", message));
        var plan = new PruningPlan(experiment, context.Run.Path, thenAutoLr: false);
        if (!new StageRunner(context, experiment, plan).Run(out var ledger)) return JobResult.Stopped;

        var search = plan.Search(ledger.Done)!;
        var depths = ledger.Done.Where(r => r.Phase == "prune").ToList();
        var chosen = depths.Single(r => r.Depth == search.BestDepth);
        FinishedRun.Write(context.Run.Path,
            FinishedRun.Results(context.Command, context.Settings, experiment.BlockCount, search.BestDepth, ScheduleCatalog.name(ScheduleCatalog.single), chosen.Test) with
            {
                Pruning = FinishedRun.PruningScores(depths), Selection = context.Settings.Get(SelectionSettings.Selection), StoppedBecause = search.StoppedBecause,
                SelectionSaturated = SelectionSaturation.IsSaturated(depths),
            });

        var rows = depths.Select(r => new ComparisonRow($"depth {r.Depth}", r.Depth, r.Test)).ToList();
        var report = new RunReport(
            "autolr prune: pruning search (Algorithm 1)",
            [new("pruning depth chosen", search.BestDepth.ToString(CultureInfo.InvariantCulture)), new("selection split", plan.SelectionDescription)],
            chosen.Test, JobReports.Metrics(ledger), JobReports.EventNotes(ledger),
            [new("Pruning search (Algorithm 1)", JobReports.PruningMarkdown(ledger.Done, search, plan.SelectionDescription))]);
        return JobResult.Completed(report, JobReports.ComparisonText($"Test Recall@K per depth; chosen depth {search.BestDepth}:", rows));
    }
}
