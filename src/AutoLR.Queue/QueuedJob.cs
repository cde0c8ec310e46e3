using System.Text.Json;
using System.Text.Json.Serialization;
using AutoLR.Commands;
using AutoLR.Runs.Checkpoints;

namespace AutoLR.Queue;

/// <summary>
/// One job file: the command and its switches exactly as <c>autolr</c> takes them, the folder relative paths are
/// resolved from, and — once it has ended — its run directory or the error that failed it.
/// </summary>
public sealed record QueuedJob(
    string Command,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    DateTimeOffset Enqueued,
    string? RunDirectory = null,
    DateTimeOffset? Ended = null,
    int? ExitCode = null,
    string? Error = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The command line the job stands for, for logs and status.</summary>
    [JsonIgnore]
    public string CommandLine => string.Join(' ', new[] { "autolr", Command }.Concat(Arguments.Select(ShellWord.Quote)));

    public static QueuedJob Read(string file) =>
        JsonSerializer.Deserialize<QueuedJob>(File.ReadAllText(file), Json)
        ?? throw new InvalidDataException($"Job file {file} holds JSON null; delete it or enqueue the job again.");

    /// <summary>Written whole or not at all (<see cref="DurableFile"/>): a reader never sees half a job.</summary>
    public void WriteTo(string file) => DurableFile.WriteAllText(file, JsonSerializer.Serialize(this, Json));
}
