using AutoLR.Algorithms;
using AutoLR.RunFormat.Json;

namespace AutoLR.RunFormat.Trace;

/// <summary>
/// trace.jsonl as a file: each line read through the F# <see cref="TraceLine"/>, the one declaration of the line the
/// host writes with (one <see cref="TrialRecord"/> per trial, DESIGN.md §3), with errors that name file and line.
/// <see cref="TrialRecord.SortingQuality"/> and <see cref="TrialRecord.TrainLoss"/> are NaN for a diverged trial.
/// </summary>
public static class TraceFile
{
    public const string FileName = TraceLine.FileName;

    /// <summary>The event the controller records when β·max v ≤ α·min v in epoch 1 (eq. 11).</summary>
    public static readonly string EmptyTargetRange = TrialEventModule.name(TrialEvent.EmptyTargetRange);

    /// <summary>The event prefix naming the earlier trial kept when the trial cap is reached.</summary>
    public const string AcceptedBestPrefix = "accepted-best:trial";

    /// <summary>The complete trial lines of a trace a run is appending to (<see cref="JsonFiles.ReadLinesWhileWritten{T}"/>).</summary>
    public static IReadOnlyList<TrialRecord> ReadWhileWritten(string path) =>
        JsonFiles.ReadLinesWhileWritten(path, (line, source) => TraceLine.read(line.GetRawText()) is var record && record.IsOk
            ? record.ResultValue
            : throw source.Error(record.ErrorValue));

    /// <summary>Each non-blank line; a line that is not a trial record stops with the file, line and problem.</summary>
    public static IReadOnlyList<TrialRecord> Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFormatException($"{path} cannot be read ({e.Message}); give the user running this read access to the run directory.");
        }
        return lines
            .Select((text, index) => (text, number: index + 1))
            .Where(line => !string.IsNullOrWhiteSpace(line.text))
            .Select(line => TraceLine.read(line.text) is var record && record.IsOk
                ? record.ResultValue
                : throw new JsonSource(path, line.number).Error(record.ErrorValue))
            .ToList();
    }
}
