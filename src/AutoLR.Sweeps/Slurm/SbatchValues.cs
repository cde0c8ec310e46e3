using System.Text;
using System.Text.RegularExpressions;
using AutoLR.Commands;

namespace AutoLR.Sweeps.Slurm;

/// <summary>
/// What may go into a generated batch script. A value typed on the command line (or read back from a sweep's
/// request.json) reaches two parsers: sbatch reads the <c>#SBATCH</c> lines, bash runs the rest. A newline in any value
/// would end its line and start a shell command, so every value is first checked against what Slurm accepts for its
/// field — a refusal names the switch — and then written in the form its parser takes literally: <c>#SBATCH</c> values
/// with sbatch's backslash escapes, shell words single-quoted (<see cref="ShellWord"/>). Paths may hold any character
/// but a control character, which no line of a script can carry.
/// </summary>
public static partial class SbatchValues
{
    /// <summary>One field of a request: its switch, what Slurm accepts and an example.</summary>
    private sealed record Field(string Switch, Func<SlurmRequest, string?> Value, Regex Accepted, string Allowed);

    private static readonly Field[] Fields =
    [
        new("--partition", r => r.Partition, PartitionList(), "partition names (letters, digits, '_', '-', '.'), comma-separated, e.g. gpu or gpu,batch"),
        new("--time", r => r.Time, TimeLimit(), "a Slurm time limit: minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes, days-hours:minutes:seconds or UNLIMITED, e.g. 4:00:00"),
        new("--gpus", r => r.Gpus, GpuCount(), "[type:]count, e.g. 1 or a100:1"),
        new("--mem", r => r.Mem, MemorySize(), "a whole number with an optional unit K, M, G or T, e.g. 16G"),
        new("--account", r => r.Account, AccountName(), "an account name (letters, digits, '_', '-', '.'), e.g. mylab"),
    ];

    /// <summary>The first value of <paramref name="request"/> Slurm would not accept, as a message naming its switch; null when all are acceptable.</summary>
    public static string? Problem(SlurmRequest request)
    {
        foreach (var field in Fields)
            if (field.Value(request) is { } value && !field.Accepted.IsMatch(value))
                return $"{field.Switch} {ShellWord.Quote(value)} is not what Slurm accepts there; give {field.Allowed}.";
        if (request.Cpus < 1) return $"--cpus {request.Cpus} is not a positive whole number; give e.g. --cpus 1.";
        if (request.MaxParallel is < 1) return $"--max-parallel {request.MaxParallel} is not a positive whole number; give e.g. --max-parallel 4.";
        if (request.WarningSeconds < SlurmRequest.MinWarningSeconds)
            return $"--warning-seconds {request.WarningSeconds} is too short: Slurm may send the signal up to 60 s early and the cell still needs one batch " +
                   $"and one checkpoint; give at least {SlurmRequest.MinWarningSeconds}.";
        return null;
    }

    /// <summary>
    /// Null when <paramref name="path"/> can be written into a batch script, else why not (for a message that names
    /// the switch it came from). Only control characters are refused: a newline or a carriage return would split a line.
    /// </summary>
    public static string? PathProblem(string path) =>
        path.Any(char.IsControl)
            ? $"{ShellWord.Quote(path)} holds a control character (a newline, tab, ...), which a batch script cannot carry on one line; choose a folder without one"
            : null;

    /// <summary>
    /// <paramref name="value"/> as one argument of an <c>#SBATCH</c> line: sbatch splits those lines at white space,
    /// strips quotes, ends them at an unescaped '#' and takes the character after a backslash literally, so each of
    /// those characters is escaped with a backslash.
    /// </summary>
    public static string Directive(string value)
    {
        if (PathProblem(value) is { } problem) throw new ArgumentException($"A batch-script value {problem}.", nameof(value));
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || c is '\\' or '"' or '\'' or '#') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+(,[A-Za-z0-9_.\-]+)*$")]
    private static partial Regex PartitionList();

    [GeneratedRegex(@"^([0-9]+(:[0-9]+){0,2}|[0-9]+-[0-9]+(:[0-9]+){0,2}|UNLIMITED|INFINITE)$", RegexOptions.IgnoreCase)]
    private static partial Regex TimeLimit();

    [GeneratedRegex(@"^([A-Za-z0-9_.\-]+:)?[0-9]+$")]
    private static partial Regex GpuCount();

    [GeneratedRegex(@"^[0-9]+[KMGT]?$", RegexOptions.IgnoreCase)]
    private static partial Regex MemorySize();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex AccountName();
}
