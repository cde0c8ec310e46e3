namespace AutoLR.Experiments.Stages;

/// <summary>A finished stage: what it trained and how it scored.</summary>
/// <param name="Label">The stage's name (unique within the job).</param>
/// <param name="Phase">prune or finetune.</param>
/// <param name="Depth">Its pruning depth.</param>
/// <param name="Schedule">autolr or a baseline.</param>
/// <param name="Epochs">Epochs it trained (kept epochs).</param>
/// <param name="Events">Distinct trace events of its epochs (clamps, empty range, divergence, cap).</param>
/// <param name="Selection">Recall@K on the split that selects the pruning depth (prune stages only).</param>
/// <param name="Test">Recall@K on the test split.</param>
/// <param name="WeightsSha256">
/// SHA-256 (hex) of the final weights file the stage left (weights.safetensors), so that the checkpoints and
/// results.json tie the run to its weights; null for stages that keep no weights, and in checkpoints written before
/// the hash was recorded.
/// </param>
public sealed record StageResult(
    string Label, string Phase, int Depth, string Schedule, int Epochs,
    Dictionary<int, double>? Selection, Dictionary<int, double> Test, string[] Events, string? WeightsSha256 = null);

/// <summary>
/// One finished epoch of some stage, for report.md. EpochsTrained: epochs' worth of batches trained
/// (<see cref="EpochOutcome.EpochsTrained"/>); null in checkpoints written before probes existed, whose trials were all
/// whole epochs (<see cref="Compute"/>).
/// </summary>
public sealed record EpochRow(string Stage, string Phase, int Depth, int Epoch, double Loss, double[] Lrs, int Trials, string[] Events, double Seconds,
    double? EpochsTrained = null)
{
    /// <summary>Epochs' worth of training this epoch cost, retries and probes included.</summary>
    public double Compute => EpochsTrained ?? Trials;
}

/// <summary>
/// Everything a job has done, as stored in every checkpoint (entry <see cref="Entry"/>): the finished stages with
/// their scores, the current stage and its completed epochs, the epoch rows so far, and the lengths of the run's
/// JSON-lines files at that moment. Pure data: a resumed job replays its plan against <see cref="Done"/>.
/// </summary>
public sealed record JobLedger(
    List<StageResult> Done, string? Current, int CurrentEpoch, List<EpochRow> Epochs, Dictionary<string, long> Files)
{
    public const string Entry = "job.json";

    public static JobLedger Empty => new([], null, 0, [], []);
}
