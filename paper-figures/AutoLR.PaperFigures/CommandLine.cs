using System.Globalization;

namespace AutoLR.PaperFigures;

/// <summary>
/// <c>&lt;figure|all&gt; --runs DIR... --out DIR [--epochs N]</c>, parsed. A usage mistake throws
/// <see cref="UsageException"/> with the usage text.
/// </summary>
public sealed record CommandLine(IReadOnlyList<IArtifact> Artifacts, IReadOnlyList<string> Runs, string Output, RenderOptions Options)
{
    public static string Usage =>
        "usage: dotnet run --project paper-figures/AutoLR.PaperFigures -- <figure|all> --runs DIR... --out DIR [--epochs N]\n\n"
        + "  DIR after --runs: a run directory (it holds results.json, trace.jsonl or metrics.jsonl) or a folder of them.\n"
        + "  --epochs N: figure 4 shows epochs 1..N only (the paper shows 15 of 50).\n\n"
        + "figures and tables:\n"
        + string.Concat(PaperFigures.Artifacts.All.Select(a => $"  {a.Name,-7} {a.Description}\n"))
        + "  all     every one of them that the given runs allow\n\n"
        + "other steps:\n"
        + string.Concat(PaperFigures.Artifacts.Steps.Select(a => $"  {a.Name} {a.Description}\n"));

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help") throw new UsageException(null);
        var name = args[0];
        IReadOnlyList<IArtifact> artifacts = name == "all"
            ? PaperFigures.Artifacts.All
            : [PaperFigures.Artifacts.All.Concat(PaperFigures.Artifacts.Steps).FirstOrDefault(a => a.Name == name)
               ?? throw new UsageException($"unknown figure or table '{name}'.")];
        var runs = new List<string>();
        string? output = null;
        int? lastEpoch = null;
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--runs":
                    while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) runs.Add(args[++i]);
                    break;
                case "--out":
                    output = i + 1 < args.Count ? args[++i] : throw new UsageException("--out needs a directory.");
                    break;
                case "--epochs":
                    lastEpoch = i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                        ? n
                        : throw new UsageException("--epochs needs a positive whole number.");
                    i++;
                    break;
                default:
                    throw new UsageException($"unexpected argument '{args[i]}'.");
            }
        }
        if (runs.Count == 0) throw new UsageException("give at least one run directory after --runs.");
        if (output is null) throw new UsageException("give the output directory with --out.");
        return new CommandLine(artifacts, runs, output, new RenderOptions(lastEpoch));
    }
}

/// <summary>The command line is wrong: the message says what, followed by the usage text.</summary>
public sealed class UsageException(string? problem) : Exception(problem is null ? CommandLine.Usage : $"{problem}\n\n{CommandLine.Usage}");
