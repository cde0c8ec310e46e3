using AutoLR.Experiments.Plans;
using AutoLR.Experiments.Results;
using AutoLR.Experiments.Stages;
using AutoLR.Runs;
using AutoLR.RunFormat.Reports;
using Microsoft.Extensions.Logging;
using AutoLR.Algorithms;
using AutoLR.Torch.Data;

namespace AutoLR.Experiments.Jobs;

/// <summary>`finetune --schedule S --pruning-depth p`: one fine-tune on the whole training split, evaluated on the test split.</summary>
public sealed class FineTuneJob : IJob
{
    public JobResult Run(RunContext context)
    {
        var settings = context.Settings;
        using var experiment = Experiment.Open(settings, message => context.Logger.LogInformation("{Message}", message));
        var plan = new FineTunePlan(experiment, [new FineTuneCell(context.Command, context.Run.Path, settings)]);
        if (!new StageRunner(context, experiment, plan).Run(out var ledger)) return JobResult.Stopped;

        var result = ledger.Done.Single();
        FinishedRun.Write(context.Run.Path, FinishedRun.Results(context.Command, settings, experiment.BlockCount, result.Depth, result.Schedule, result.Test));
        var row = new ComparisonRow(settings.Get(ScheduleSettings.schedule), result.Depth, result.Test);
        var report = new RunReport(
            $"autolr finetune: {settings.Get(ScheduleSettings.schedule)} at pruning depth {result.Depth}",
            [new("data set", settings.Get(DataSettings.Dataset)), new("backbone", $"{experiment.Spec.Name} (K = {experiment.BlockCount})")],
            result.Test, JobReports.Metrics(ledger), JobReports.EventNotes(ledger),
            [new("Trials per epoch", JobReports.TrialsMarkdown(ledger.Epochs))]);
        return JobResult.Completed(report, JobReports.ComparisonText("Recall@K on the test split:", [row]));
    }
}
