using System.Text.Json;
using AutoLR.RunFormat.Files;
using AutoLR.Runs.Checkpoints;

namespace AutoLR.Commands;

/// <summary>
/// What a command started by a queue worker tells that worker: its run directory, as soon as it has one, and how the
/// job ended. The worker names the file (in <see cref="Variable"/>, a place in its queue folder) and reads it after
/// the command exits — a structured channel, so a run directory whose path holds a newline or the text of a status
/// line is recorded exactly, which parsing the command's output could not do. Without the variable nothing is written.
/// </summary>
/// <param name="RunDirectory">The absolute path of the run directory, or null when the command ended without one.</param>
/// <param name="End">How the job ended (<see cref="JobEnd"/>'s name); null while it runs.</param>
public sealed record RunRecord(string? RunDirectory, string? End)
{
    public const string Variable = "AUTOLR_RUN_RECORD";

    /// <summary>A record is a path and a word; anything larger was not written by autolr.</summary>
    private const long MaxBytes = 64 << 10;

    /// <summary>Writes the record (whole, durably) where <paramref name="environment"/>'s <see cref="Variable"/> says, if it says.</summary>
    public static void Write(CommandEnvironment environment, string? runDirectory, JobEnd? end)
    {
        if (!environment.Variables.TryGetValue(Variable, out var file) || file.Length == 0) return;
        DurableFile.WriteAllText(file, JsonSerializer.Serialize(new RunRecord(runDirectory, end?.ToString())));
    }

    /// <summary>The record in <paramref name="file"/>, or null when there is none or it is not a record.</summary>
    public static RunRecord? Read(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<RunRecord>(RegularFile.ReadAllText(file, MaxBytes, followLinks: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
