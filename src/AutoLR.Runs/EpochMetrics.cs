namespace AutoLR.Runs;

/// <summary>
/// One line of metrics.jsonl: what an epoch achieved. <paramref name="Lrs"/> are the block learning rates the epoch
/// ended with; <paramref name="RecallAtK"/> maps K to Recall@K where the epoch was evaluated (empty otherwise).
/// </summary>
public sealed record EpochMetrics(
    int Epoch,
    double Loss,
    IReadOnlyList<double> Lrs,
    IReadOnlyDictionary<int, double> RecallAtK,
    double Seconds,
    string Phase = "finetune");
