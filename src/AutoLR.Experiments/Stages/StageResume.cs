using AutoLR.Algorithms;
using AutoLR.Runs.Checkpoints;
using AutoLR.Torch.Training;

namespace AutoLR.Experiments.Stages;

/// <summary>
/// Where a stage stood at its last checkpoint: epochs done, the network/optimiser/generator state the next epoch starts
/// from, (AutoLR) the controller state and (a per-step schedule: L-DoG) the step statistics. Owns the snapshot's
/// tensors; dispose it.
/// </summary>
public sealed class StageResume(int epoch, TrainingSnapshot? snapshot, ControllerState? controller, StepStatistics? steps = null) : IDisposable
{
    /// <summary>Checkpoint entry of the training snapshot (<see cref="SnapshotFile"/> bytes).</summary>
    public const string SnapshotEntry = "training-snapshot";

    /// <summary>Checkpoint entry of a per-step schedule's <see cref="StepStatistics"/> (<see cref="StepStatisticsJson"/>).</summary>
    public const string StepStatisticsEntry = "step-statistics.json";

    public int Epoch { get; } = epoch;
    public TrainingSnapshot? Snapshot { get; } = snapshot;
    public ControllerState? Controller { get; } = controller;
    public StepStatistics? Steps { get; } = steps;

    /// <summary>Adds the stage's state to <paramref name="checkpoint"/>.</summary>
    public static void Store(Checkpoint checkpoint, FineTuneStage stage)
    {
        using (var snapshot = stage.Capture())
        using (var bytes = new MemoryStream())
        {
            SnapshotFile.Save(snapshot, bytes);
            checkpoint.Set(SnapshotEntry, bytes.ToArray());
        }
        if (stage.ControllerState is { } state) checkpoint.SetJson(CheckpointEntries.Controller, ControllerStateJson.From(state));
        if (stage.StepStatistics is { } steps) checkpoint.SetJson(StepStatisticsEntry, StepStatisticsJson.From(steps));
    }

    /// <summary>The stage state in <paramref name="checkpoint"/>, after <paramref name="epoch"/> epochs.</summary>
    public static StageResume Load(Checkpoint checkpoint, int epoch)
    {
        using var bytes = new MemoryStream(checkpoint.Get(SnapshotEntry));
        var snapshot = SnapshotFile.Load(bytes);
        var controller = checkpoint.Contains(CheckpointEntries.Controller)
            ? checkpoint.GetJson<ControllerStateJson>(CheckpointEntries.Controller).ToState()
            : null;
        var steps = checkpoint.Contains(StepStatisticsEntry)
            ? checkpoint.GetJson<StepStatisticsJson>(StepStatisticsEntry).ToStatistics()
            : null;
        return new StageResume(epoch, snapshot, controller, steps);
    }

    public void Dispose() => Snapshot?.Dispose();
}
