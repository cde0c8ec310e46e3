using AutoLR.Algorithms;
using AutoLR.Experiments.Plans;
using AutoLR.Experiments.Results;
using AutoLR.Experiments.Stages;
using AutoLR.Runs;
using AutoLR.RunFormat.Reports;
using AutoLR.RunFormat.Results;
using Microsoft.Extensions.Logging;
using AutoLR.Settings;
using AutoLR.Torch.Data;
using AutoLR.Torch.Training;

namespace AutoLR.Experiments.Jobs;

/// <summary>
/// `run`: the paper's pipeline. Algorithm 1 with single-LR fine-tunes (each depth also scored on the test split),
/// then AutoLR at the chosen depth from the pre-trained weights on the same training data and epochs, then the
/// comparison single LR / pruning only / pruning + AutoLR on the test split. results.json describes the final AutoLR
/// fine-tune (command "run", schedule "autolr"); the other rows are in its `summary` field and in report.md.
/// </summary>
public sealed class PipelineJob : IJob
{
    public JobResult Run(RunContext context)
    {
        using var experiment = Experiment.Open(context.Settings, message => context.Logger.LogInformation("{Message}", message));
        var plan = new PruningPlan(experiment, context.Run.Path, thenAutoLr: true);
        if (!new StageRunner(context, experiment, plan).Run(out var ledger)) return JobResult.Stopped;

        var search = plan.Search(ledger.Done)!;
        var depthRows = ledger.Done.Where(r => r.Phase == "prune").ToList();
        var final = ledger.Done.Single(r => r.Label == PruningPlan.FinalLabel);
        List<ComparisonRow> rows =
        [
            new("single LR", 0, depthRows.Single(r => r.Depth == 0).Test),
            new("pruning only", search.BestDepth, depthRows.Single(r => r.Depth == search.BestDepth).Test),
            new("pruning + AutoLR", search.BestDepth, final.Test),
        ];

        FinishedRun.Write(context.Run.Path,
            FinishedRun.Results(context.Command, context.Settings, experiment.BlockCount, search.BestDepth, ScheduleCatalog.AutoLrName, final.Test) with
            {
                Summary = [.. rows.Select(r => new MethodRecall(r.Name, r.Depth, r.Recall))], Pruning = FinishedRun.PruningScores(depthRows),
                Selection = context.Settings.Get(SelectionSettings.Selection), SelectionSaturated = SelectionSaturation.IsSaturated(depthRows),
            });

        var title = $"Recall@K on the test split ({context.Settings.Get(DataSettings.Dataset)}, {experiment.Spec.Name}, {context.Settings.Get(TrainingSettings.Epochs)} epochs):";
        var report = new RunReport(
            "autolr run: pruning search, then AutoLR",
            [
                new("data set", context.Settings.Get(DataSettings.Dataset)),
                new("backbone", $"{experiment.Spec.Name} (K = {experiment.BlockCount})"),
                new("pruning depth chosen", search.BestDepth.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("selection split", plan.SelectionDescription),
            ],
            final.Test,
            JobReports.Metrics(ledger),
            JobReports.EventNotes(ledger),
            [
                new("Comparison on the test split", JobReports.ComparisonMarkdown(rows)),
                new("Pruning search (Algorithm 1)", JobReports.PruningMarkdown(ledger.Done, search, plan.SelectionDescription)),
                new("AutoLR trials per epoch", JobReports.TrialsMarkdown(ledger.Epochs.Where(e => e.Stage == PruningPlan.FinalLabel))),
            ]);
        return JobResult.Completed(report, JobReports.ComparisonText(title, rows));
    }
}
