using System.Text.Json;

namespace AutoLR.PaperFigures.Runs;

/// <summary>
/// One line of trace.jsonl (DESIGN.md §3; the F# <c>TrialRecord</c>): one trial of one epoch, with the values that
/// were used. <see cref="SortingQuality"/> and <see cref="TrainLoss"/> are NaN for a diverged trial.
/// </summary>
public sealed record TrialLine(
    int Epoch,
    int Trial,
    IReadOnlyList<string> Layers,
    IReadOnlyList<double> Lrs,
    IReadOnlyList<double> Variations,
    double SortingQuality,
    double Threshold,
    bool Accepted,
    IReadOnlyList<double>? Targets,
    IReadOnlyList<double>? NextLrs,
    IReadOnlyList<string> Events,
    double TrainLoss,
    double Seconds)
{
    public const string FileName = "trace.jsonl";

    /// <summary>The event the controller records when β·max v ≤ α·min v in epoch 1 (eq. 11).</summary>
    public const string EmptyTargetRange = "empty-target-range";

    /// <summary>The event prefix naming the earlier trial kept when the trial cap is reached.</summary>
    public const string AcceptedBestPrefix = "accepted-best:trial";

    public static TrialLine Parse(JsonElement line, JsonSource source)
    {
        var record = new TrialLine(
            source.Int(line, "epoch"),
            source.Int(line, "trial"),
            source.Strings(line, "layers"),
            source.Doubles(line, "lrs"),
            source.Doubles(line, "variations"),
            source.Double(line, "sortingQuality"),
            source.Double(line, "threshold"),
            source.Bool(line, "accepted"),
            source.OptionalDoubles(line, "targets"),
            source.OptionalDoubles(line, "nextLrs"),
            source.Strings(line, "events"),
            source.Double(line, "trainLoss"),
            source.Double(line, "seconds"));
        if (record.Lrs.Count != record.Layers.Count || record.Variations.Count != record.Layers.Count)
            throw source.Error($"'layers' names {record.Layers.Count} blocks but 'lrs' has {record.Lrs.Count} and 'variations' {record.Variations.Count}; each needs one value per block.");
        return record;
    }
}
