using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.Experiments.Results;
using AutoLR.Runs;
using AutoLR.Runs.Checkpoints;
using AutoLR.RunFormat.Evaluation;
using AutoLR.RunFormat.Reports;
using Microsoft.Extensions.Logging;

namespace AutoLR.Experiments.Jobs;

/// <summary>
/// `evaluate --from RUN_DIR`: Recall@K on the test split of a finished run's final weights (weights.safetensors), with
/// the run's data settings. Writes evaluation.json and report.md — not results.json, which would make the figure
/// renderer count the evaluated run twice.
/// </summary>
public sealed class EvaluateJob : IJob
{
    public JobResult Run(RunContext context)
    {
        var source = context.SourceRun!;
        using var experiment = Experiment.Open(context.Settings, message => context.Logger.LogInformation("{Message}", message));
        var (backbone, weights, depth) = FinalWeights.Load(source, experiment.Spec, experiment.Device, message => context.Logger.LogWarning("{Message}", message));
        using var _ = backbone;
        var recall = RecallText.ToDictionary(experiment.ScoreTest(backbone, context.Cancellation));

        DurableFile.WriteAllText(Path.Combine(context.Run.Path, EvaluationFile.FileName), EvaluationFile.Render(new EvaluationRecord(source, weights, depth, recall)));
        var report = new RunReport($"autolr evaluate: {source}",
            [new("weights", weights), new("pruning depth", depth.ToString(CultureInfo.InvariantCulture))], recall, [], []);
        return JobResult.Completed(report, JobReports.ComparisonText($"Recall@K on the test split of {source}:", [new("final weights", depth, recall)]));
    }
}
