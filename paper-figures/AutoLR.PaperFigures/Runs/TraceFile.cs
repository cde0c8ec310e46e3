using AutoLR.Algorithms;

namespace AutoLR.PaperFigures.Runs;

/// <summary>
/// trace.jsonl read through the F# <see cref="TraceLine"/>, the same declaration the host writes with: one
/// <see cref="TrialRecord"/> per trial (DESIGN.md §3). <see cref="TrialRecord.SortingQuality"/> and
/// <see cref="TrialRecord.TrainLoss"/> are NaN for a diverged trial.
/// </summary>
public static class TraceFile
{
    public const string FileName = TraceLine.FileName;

    /// <summary>The event the controller records when β·max v ≤ α·min v in epoch 1 (eq. 11).</summary>
    public static readonly string EmptyTargetRange = TrialEventModule.name(TrialEvent.EmptyTargetRange);

    /// <summary>The event prefix naming the earlier trial kept when the trial cap is reached.</summary>
    public const string AcceptedBestPrefix = "accepted-best:trial";

    /// <summary>Each non-blank line; a line that is not a trial record stops with the file, line and problem.</summary>
    public static IReadOnlyList<TrialRecord> Read(string path) =>
        File.ReadLines(path)
            .Select((text, index) => (text, number: index + 1))
            .Where(line => !string.IsNullOrWhiteSpace(line.text))
            .Select(line => TraceLine.read(line.text) is var record && record.IsOk
                ? record.ResultValue
                : throw new JsonSource(path, line.number).Error(record.ErrorValue))
            .ToList();
}
