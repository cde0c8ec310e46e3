using System.Text.Json;

namespace AutoLR.PaperFigures.Runs;

/// <summary>
/// One line of metrics.jsonl (the host's <c>EpochMetrics</c>): what an epoch achieved. <see cref="RecallAtK"/> is
/// empty for epochs that were not evaluated; <see cref="Phase"/> is "finetune" unless the host says otherwise.
/// </summary>
public sealed record EpochLine(
    int Epoch,
    double Loss,
    IReadOnlyList<double> Lrs,
    IReadOnlyDictionary<int, double> RecallAtK,
    double Seconds,
    string Phase)
{
    public const string FileName = "metrics.jsonl";

    public static EpochLine Parse(JsonElement line, JsonSource source) =>
        new(source.Int(line, "epoch"),
            source.Double(line, "loss"),
            source.Doubles(line, "lrs"),
            source.RecallMap(line, "recallAtK"),
            source.Double(line, "seconds"),
            source.OptionalString(line, "phase") ?? "finetune");
}
