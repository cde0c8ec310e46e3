using AutoLR.Algorithms;
using AutoLR.Experiments;
using AutoLR.Experiments.Progress;
using AutoLR.Runs;
using AutoLR.Runs.Checkpoints;
using AutoLR.RunFormat.Metrics;
using AutoLR.RunFormat.Reports;
using AutoLR.Torch.FineTuning;
using Microsoft.FSharp.Core;
using AutoLR.Torch.Training;

namespace AutoLR.Integration.Host;

/// <summary>
/// A test-only job shaped like a training loop: epochs of batches, a trace line and a metrics line per epoch, a
/// checkpoint at each epoch end; it checks the cancellation token at every batch boundary and, when cancelled,
/// checkpoints its position and returns Stopped. On resume it continues after the checkpointed epoch.
/// </summary>
public sealed class FakeTrainingJob(int batchesPerEpoch = 4, int batchMilliseconds = 20) : IJob
{
    public JobResult Run(RunContext context)
    {
        var epochs = context.Settings.Get(TrainingSettings.Epochs);
        var first = 1;
        if (context.ResumeFrom is { } checkpoint)
        {
            var position = checkpoint.GetJson<LoopPosition>(CheckpointEntries.Position);
            first = position.Batch == 0 ? position.Epoch + 1 : position.Epoch;
        }
        var lrs = new[] { 0.01, 0.02 };
        var done = new List<EpochMetrics>();
        using var trace = new TraceWriter(context.Run.TraceFile);
        for (var epoch = first; epoch <= epochs; epoch++)
        {
            for (var batch = 1; batch <= batchesPerEpoch; batch++)
            {
                if (context.Cancellation.IsCancellationRequested)
                {
                    context.Run.Checkpoints.Save($"epoch-{epoch}-stopped", Snapshot(epoch, batch - 1));
                    return JobResult.Stopped;
                }
                Thread.Sleep(batchMilliseconds); // stands for a batch's work, so that a signal can arrive mid-job
                context.Progress.Report(new ProgressUpdate($"epoch {epoch}/{epochs}", batch, batchesPerEpoch, "loss 1.0"));
            }
            trace.Write(new TrialRecord(epoch, 1, ["layer1.0", "layer1.1"], lrs, 0.5 * lrs[0], 0.1, [0.1, 0.2], 1.0,
                context.Settings.Get(ControllerSettings.tau), true, FSharpOption<double[]>.None, FSharpOption<double[]>.None, [], 1.0, 0.1,
                FSharpOption<BatchWindow>.None));
            var metrics = new EpochMetrics(epoch, 1.0 / epoch, lrs, new Dictionary<int, double> { [1] = 0.5, [2] = 0.6 }, 0.1);
            context.Run.AppendMetrics(metrics);
            done.Add(metrics);
            context.Run.Checkpoints.Save($"epoch-{epoch}", Snapshot(epoch, 0));
        }
        return JobResult.Completed(new RunReport("Fake training", [new("pruning depth", "0")],
            new Dictionary<int, double> { [1] = 0.5, [2] = 0.6 }, done, ["test-only job"]));
    }

    private static Checkpoint Snapshot(int epoch, int batch) =>
        new Checkpoint()
            .Set(CheckpointEntries.Weights, [1, 2, 3, 4])
            .SetJson(CheckpointEntries.Position, new LoopPosition("finetune", epoch, 1, batch));
}
