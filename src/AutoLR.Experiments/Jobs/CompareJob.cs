using System.Globalization;
using AutoLR.Experiments.Comparison;
using AutoLR.Experiments.Results;
using AutoLR.Experiments.Stages;
using AutoLR.Runs;
using AutoLR.RunFormat.Comparisons;
using AutoLR.RunFormat.Reports;
using Microsoft.Extensions.Logging;
using AutoLR.Algorithms;
using AutoLR.Settings;
using AutoLR.Torch.Data;

namespace AutoLR.Experiments.Jobs;

/// <summary>
/// `compare --schedules autolr,single,... --seeds 1,2,3`: every method tuned on validation over its stated grid, the
/// chosen point trained on the whole training split and scored once on test, per seed (<see cref="ComparisonPlan"/>);
/// the report holds the paired comparison (<see cref="ComparisonTable"/>). Each stage is a sub-directory with its
/// trace, metrics and (final stages) results.json with command "compare"; the run resumes like any other.
/// </summary>
public sealed class CompareJob : IJob
{
    public JobResult Run(RunContext context)
    {
        var settings = context.Settings;
        var schedules = ComparisonSettings.ScheduleNames(settings.Values);
        var seeds = ComparisonSettings.SeedList(settings.Values);
        using var experiment = Experiment.Open(settings, message => context.Logger.LogInformation("{Message}", message));
        if (experiment.Data.IsQueryGallery)
            throw new JobFailure($"compare scores all-against-all on one test split; {settings.Get(DataSettings.Dataset)} has a query/gallery test split. Use another data set.");
        var plan = new ComparisonPlan(experiment, new SealedTestSplit(experiment.Data.Test!), context.Run.Path, settings, schedules, seeds);
        if (!new StageRunner(context, experiment, plan).Run(out var ledger)) return JobResult.Stopped;

        var methods = ComparisonReport.Summaries(ledger, schedules, seeds, settings.Get(LearningRateSettings.baseLr),
            (seed, schedule) => plan.Chosen(ledger.Done, seed, schedule).Label);
        var table = ComparisonTable.Markdown(methods);
        var report = new RunReport(
            "autolr compare",
            [new("methods", string.Join(", ", schedules)), new("seeds", string.Join(", ", seeds)),
             new("backbone", $"{experiment.Spec.Name} (K = {experiment.BlockCount})")],
            new Dictionary<int, double>(), JobReports.Metrics(ledger), JobReports.EventNotes(ledger),
            [new("Comparison (test R@1, tuned on validation)", table)]);
        return JobResult.Completed(report, table);
    }
}
