using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.RunFormat.Json;

namespace AutoLR.RunFormat.Comparisons;

/// <summary>
/// The last time a comparison cell's process failed: when, its exit code, the signal that killed it (e.g. "SIGFPE";
/// null for an exit) and what it or its parent said about it. A cell with a failure but no cell.json is run again on
/// resume; once it finishes, its cell.json says so and the failure is history.
/// </summary>
public sealed record CellFailureRecord(DateTimeOffset AtUtc, int ExitCode, string? Signal, string Message);

/// <summary>failure.json in a cell's folder, written by the process that ran the cell as a child. Version 1 (<c>schema</c>).</summary>
public static class CellFailureFile
{
    public const string FileName = "failure.json";

    public const int Version = 1;

    public static string Render(CellFailureRecord failure) =>
        JsonFiles.Text(new JsonObject
        {
            [FormatVersion.Field] = Version,
            ["atUtc"] = failure.AtUtc.ToString("O", CultureInfo.InvariantCulture),
            ["exitCode"] = failure.ExitCode,
            ["signal"] = failure.Signal,
            ["message"] = failure.Message,
        });

    public static CellFailureRecord Read(string path) => JsonFiles.ReadObject(path, Parse);

    public static CellFailureRecord Parse(JsonElement root, JsonSource source)
    {
        FormatVersion.Of(root, source, Version);
        var at = source.String(root, "atUtc");
        return new CellFailureRecord(
            DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
                ? time
                : throw source.Error($"field 'atUtc' is '{at}', not a time (ISO 8601)."),
            source.Int(root, "exitCode"), source.OptionalString(root, "signal"), source.String(root, "message"));
    }
}
