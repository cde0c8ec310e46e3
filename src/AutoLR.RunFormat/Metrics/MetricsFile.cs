using System.Text.Json;
using System.Text.Json.Serialization;
using AutoLR.RunFormat.Json;

namespace AutoLR.RunFormat.Metrics;

/// <summary>
/// metrics.jsonl: one <see cref="EpochMetrics"/> per line, appended as the run goes (<see cref="MetricsWriter"/>).
/// Fields camelCase in the record's order; a diverged epoch's NaN or ±∞ as the strings "NaN", "Infinity",
/// "-Infinity". Lines carry no version: every line autolr has written is version 1, and a line of a later version
/// will say so in <c>schema</c>, which this reader refuses.
/// </summary>
public static class MetricsFile
{
    public const string FileName = "metrics.jsonl";

    /// <summary>The newest line format this build reads (and the one it writes, without saying so).</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Every line of the file; a line that is not an epoch stops with the file, line and field.</summary>
    public static IReadOnlyList<EpochMetrics> Read(string path) => JsonFiles.ReadLines(path, Parse);

    /// <summary>The complete lines of a metrics.jsonl a run is appending to (<see cref="JsonFiles.ReadLinesWhileWritten{T}"/>).</summary>
    public static IReadOnlyList<EpochMetrics> ReadWhileWritten(string path) => JsonFiles.ReadLinesWhileWritten(path, Parse);

    /// <summary>The JSON line (without the newline) of one epoch.</summary>
    public static string Line(EpochMetrics epoch) => JsonSerializer.Serialize(epoch, Options);

    public static EpochMetrics Parse(JsonElement line, JsonSource source)
    {
        FormatVersion.Of(line, source, Version);
        return new(source.Int(line, "epoch"),
            source.Double(line, "loss"),
            source.Doubles(line, "lrs"),
            source.RecallMap(line, "recallAtK"),
            source.Double(line, "seconds"),
            source.OptionalString(line, "phase") ?? EpochMetrics.FineTunePhase);
    }
}
