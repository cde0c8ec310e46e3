namespace AutoLR.RunFormat.Metrics;

/// <summary>
/// One line of metrics.jsonl: what an epoch achieved. <paramref name="Lrs"/> are the block learning rates the epoch
/// ended with; <paramref name="RecallAtK"/> maps K to Recall@K where the epoch was evaluated (empty otherwise);
/// <paramref name="Phase"/> is "finetune" unless the run says otherwise ("prune", "tune", "final").
/// </summary>
public sealed record EpochMetrics(
    int Epoch,
    double Loss,
    IReadOnlyList<double> Lrs,
    IReadOnlyDictionary<int, double> RecallAtK,
    double Seconds,
    string Phase = EpochMetrics.FineTunePhase)
{
    /// <summary>The phase of an epoch that trains the final model (what cost tables count).</summary>
    public const string FineTunePhase = "finetune";
}
