using AutoLR.Experiments.Results;
using AutoLR.Runs;
using AutoLR.Runs.Checkpoints;
using AutoLR.RunFormat.Metrics;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Evaluation;
using Microsoft.Extensions.Logging;

namespace AutoLR.Experiments.Stages;

/// <summary>
/// What a job asks of the runner: the next stage given the finished ones (null when the job is done), and how to
/// score a finished stage. Plans are pure functions of the finished stages, so a resumed job takes the same path.
/// </summary>
public interface IStagePlan
{
    StageSpec? Next(IReadOnlyList<StageResult> done);

    /// <summary>
    /// Scores the trained network after the stage's last epoch: Recall@K on the selection split (prune stages, else
    /// null) and on the test split. A plan may also keep what it needs of the network here (final weights).
    /// </summary>
    (Dictionary<int, double>? Selection, Dictionary<int, double> Test) Score(StageSpec stage, RetrievalNetwork network, CancellationToken cancellation);

    /// <summary>The final weights file <see cref="Score"/> left for the stage, whose hash the ledger records; null when it keeps none.</summary>
    string? FinalWeightsOf(StageSpec stage) => null;
}

/// <summary>
/// Runs a job's stages epoch by epoch with a checkpoint after every completed epoch (DESIGN: resume is exact, from
/// the last completed epoch). On resume it restores the newest checkpoint: the ledger, the JSON-lines files cut back to
/// their recorded lengths, and the interrupted stage's network, optimiser, generators and controller state.
/// </summary>
public sealed class StageRunner(RunContext context, Experiment experiment, IStagePlan plan)
{
    private const string StageLabelEntry = "stage";

    /// <summary>Runs to the end; false when it stopped on cancellation (the last checkpoint is where to resume).</summary>
    public bool Run(out JobLedger ledger)
    {
        ledger = Restore(out var resume);
        try
        {
            while (plan.Next(ledger.Done) is { } spec)
            {
                var stageResume = ledger.Current == spec.Label ? resume : null;
                resume = null;
                using (stageResume)
                using (var stage = new FineTuneStage(experiment, spec, stageResume))
                using (var metrics = new MetricsWriter(Path.Combine(spec.Folder, MetricsFile.FileName)))
                {
                    var board = new TensorBoardCurves(Path.Combine(spec.Folder, "tensorboard"), spec, stage.Layers);
                    var outcomes = new List<EpochOutcome>();
                    while (!stage.Finished)
                    {
                        var outcome = stage.RunEpoch(context.Progress, context.Cancellation);
                        outcomes.Add(outcome);
                        ledger.Epochs.Add(new EpochRow(spec.Label, spec.Phase, spec.Depth, outcome.Epoch, outcome.Loss, outcome.Lrs,
                            outcome.Trials, outcome.Events, outcome.Seconds, outcome.EpochsTrained));
                        board.Add(outcome);
                        StageResult? result = null;
                        if (stage.Finished)
                        {
                            var (selection, test) = plan.Score(spec, stage.Network, context.Cancellation);
                            var events = ledger.Epochs.Where(e => e.Stage == spec.Label).SelectMany(e => e.Events).Distinct().ToArray();
                            var weights = plan.FinalWeightsOf(spec) is { } file ? FinalWeights.Sha256(file) : null;
                            result = new StageResult(spec.Label, spec.Phase, spec.Depth, spec.ScheduleName, spec.Epochs, selection, test, events, weights);
                            context.Logger.LogInformation("{Stage}: {Scores}", spec.Label, string.Join("; ",
                                new[] { test.Count == 0 ? null : $"test {RecallText.Of(test)}", selection is null ? null : $"selection split {RecallText.Of(selection)}" }
                                    .OfType<string>()));
                        }
                        metrics.Append(new EpochMetrics(outcome.Epoch, outcome.Loss, outcome.Lrs,
                            result?.Selection ?? result?.Test ?? new Dictionary<int, double>(), outcome.Seconds, spec.Phase));
                        ledger = result is null
                            ? ledger with { Current = spec.Label, CurrentEpoch = outcome.Epoch }
                            : ledger with { Done = [.. ledger.Done, result], Current = null, CurrentEpoch = 0 };
                        Save(ledger, result is null ? stage : null, $"{spec.Phase}-d{spec.Depth}-e{outcome.Epoch}");
                    }
                }
            }
            return true;
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Save(JobLedger ledger, FineTuneStage? stage, string label)
    {
        var checkpoint = new Checkpoint();
        checkpoint.SetJson(JobLedger.Entry, ledger with { Files = JsonLinesLengths.Measure(context.Run.Path) });
        checkpoint.SetJson(CheckpointEntries.Position, new LoopPosition(
            ledger.Current is null ? "between-stages" : "epoch-end", ledger.CurrentEpoch, 0, 0, ledger.Done.Count));
        if (stage is not null) StageResume.Store(checkpoint, stage);
        RecordedSettings.Store(checkpoint, context.Settings, RunConfigStore.Grid(context.Run.Path));
        context.Run.Checkpoints.Save(label.Replace('_', '-'), checkpoint);
    }

    private JobLedger Restore(out StageResume? resume)
    {
        resume = null;
        if (!context.IsResumed) return JobLedger.Empty;
        if (context.ResumeFrom is not { } checkpoint)
        {
            // Stopped before the first checkpoint: start over, without the lines of the abandoned start.
            JsonLinesLengths.Restore(context.Run.Path, new Dictionary<string, long>());
            return JobLedger.Empty;
        }
        var ledger = checkpoint.GetJson<JobLedger>(JobLedger.Entry);
        JsonLinesLengths.Restore(context.Run.Path, ledger.Files);
        if (ledger.Current is not null) resume = StageResume.Load(checkpoint, ledger.CurrentEpoch);
        return ledger;
    }
}
