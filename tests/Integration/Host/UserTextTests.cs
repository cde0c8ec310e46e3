using System.Text.RegularExpressions;
using AutoLR.Commands;
using AutoLR.Integration.Slurm;

namespace AutoLR.Integration.Host;

/// <summary>
/// What users read — every command's help, the READMEs, the strings of the code (messages, report text) — cites no
/// internal issue numbers and no files outside the repository: users have neither.
/// </summary>
public partial class UserTextTests
{
    /// <summary>"issue 11", "(issue 12 §2)", "#12", "DESIGN.md §4", "shared/STYLE.md", "/work/shared/...".</summary>
    [GeneratedRegex(@"\b[Ii]ssues? #?\d+|(?<![\w/])#\d+\b|DESIGN(\.md)?\s*§|DESIGN\.md|STYLE\.md|/work/shared|§\s*\d")]
    private static partial Regex Citation();

    public static TheoryData<string[]> HelpCommands =>
    [
        ["--help"],
        .. CommandCatalog.All.Select(c => new[] { c.Name, "--help" }),
        ["sweep-cell", "--help"], ["sweep-status", "--help"], ["sweep-collect", "--help"],
        ["enqueue", "--help"], ["enqueue", "finetune", "--help"], ["worker", "--help"], ["queue", "status", "--help"],
        ["defaults", "--help"],
    ];

    [Theory]
    [MemberData(nameof(HelpCommands))]
    public async Task Help_cites_no_issue_and_no_file_outside_the_repository(string[] args)
    {
        var result = await HostRun.RunAsync(args);
        Assert.Equal(0, result.ExitCode);
        Assert.False(Citation().IsMatch(result.Out), $"`autolr {string.Join(" ", args)}` cites {Citation().Match(result.Out).Value}:\n{Around(result.Out)}");
    }

    public static TheoryData<string> Readmes =>
    [
        .. Directory.EnumerateFiles(RepositoryRoot.Path, "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "results" or "Fixtures" or ".git")),
    ];

    [Theory]
    [MemberData(nameof(Readmes))]
    public void The_documentation_cites_no_issue_and_no_file_outside_the_repository(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, file));
        Assert.False(Citation().IsMatch(text), $"{file} cites {Citation().Match(text).Value}:\n{Around(text)}");
    }

    /// <summary>
    /// String literals of the code users run (messages, help, report text); comments may cite what developers have.
    /// </summary>
    [Fact]
    public void Strings_of_the_code_cite_no_issue_and_no_file_outside_the_repository()
    {
        var sources = new[] { "src", "paper-figures", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".fs", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
        var citations = new List<string>();
        foreach (var file in sources)
        foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
        {
            if (line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
            foreach (Match literal in StringLiteral().Matches(line))
                if (Citation().IsMatch(literal.Value))
                    citations.Add($"{Path.GetRelativePath(RepositoryRoot.Path, file)}:{number}: {literal.Value}");
        }
        Assert.True(citations.Count == 0, string.Join("\n", citations));
    }

    [Fact]
    public async Task Export_help_says_it_writes_the_PyTorch_weights_and_ONNX()
    {
        var result = await HostRun.RunAsync(["export", "--help"]);
        Assert.Contains("PyTorch", result.Out);
        Assert.Contains("ONNX", result.Out);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    private static string Around(string text)
    {
        var at = Citation().Match(text).Index;
        return text[Math.Max(0, at - 120)..Math.Min(text.Length, at + 120)];
    }
}
