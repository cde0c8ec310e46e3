using System.Text.Json;
using System.Text.Json.Serialization;
using AutoLR.Commands;
using AutoLR.RunFormat.Files;
using AutoLR.Runs.Checkpoints;

namespace AutoLR.Queue;

/// <summary>A queue file that is not a job: the message says what it is and why it cannot be one.</summary>
public sealed class JobFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One job file: the command and its switches exactly as <c>autolr</c> takes them, the folder relative paths are
/// resolved from, and — once it has ended — its run directory or the error that failed it. A job file is input from
/// whoever may write to the queue folder, so <see cref="Read"/> takes only a regular file of bounded size (never a
/// FIFO or a symbolic link) holding a job of the right shape; what the job asks for is checked as `enqueue` checks it
/// (<see cref="JobCheck"/>).
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
    /// <summary>A job is a command line of a few hundred bytes; a megabyte leaves room for any grid and an error message.</summary>
    public const long MaxBytes = 1 << 20;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The command line the job stands for, for logs and status.</summary>
    [JsonIgnore]
    public string CommandLine => string.Join(' ', new[] { "autolr", Command }.Concat(Arguments.Select(ShellWord.Quote)));

    /// <summary>The job in <paramref name="file"/>; a <see cref="JobFileException"/> naming the file when it is not one.</summary>
    public static QueuedJob Read(string file)
    {
        try
        {
            return Parse(RegularFile.ReadAllText(file, MaxBytes, followLinks: false), file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JobFileException(e.Message, e);
        }
    }

    /// <summary>The job a job file's <paramref name="text"/> describes, checked for shape; errors name <paramref name="file"/>.</summary>
    public static QueuedJob Parse(string text, string file)
    {
        QueuedJob? job;
        try
        {
            job = JsonSerializer.Deserialize<QueuedJob>(text, Json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            throw new JobFileException($"{file} is not a job file: {e.Message}", e);
        }
        return Shape(job) is { } problem ? throw new JobFileException($"{file} is not a job file: {problem}") : job!;
    }

    /// <summary>What a deserialized job lacks (a file written by hand may leave out or null what the record declares non-null).</summary>
    private static string? Shape(QueuedJob? job)
    {
        if (job is null) return "it holds JSON null";
        if (job.Command is null || job.Arguments is null || job.WorkingDirectory is null)
            return "it lacks one of command, arguments, workingDirectory";
        if (job.Arguments.Any(a => a is null)) return "its arguments hold a null; each argument is a string";
        // A process argument is a C string: a NUL would cut it short.
        if (job.Arguments.Append(job.Command).Append(job.WorkingDirectory).Any(a => a.Contains('\0'))) return "a value holds a NUL character";
        if (!Path.IsPathFullyQualified(job.WorkingDirectory)) return $"its workingDirectory {ShellWord.Quote(job.WorkingDirectory)} is not an absolute path";
        return null;
    }

    /// <summary>Written whole or not at all (<see cref="DurableFile"/>): a reader never sees half a job.</summary>
    public void WriteTo(string file) => DurableFile.WriteAllText(file, JsonSerializer.Serialize(this, Json));
}
