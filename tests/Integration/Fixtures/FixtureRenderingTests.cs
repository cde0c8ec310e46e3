using AutoLR.PaperFigures;
using AutoLR.PaperFigures.Restatement;
using AutoLR.RunFormat.Runs;

namespace AutoLR.Integration.Fixtures;

/// <summary>
/// paper-figures renders the 83155b5 run directories, each with every artifact its kind allows, to the very tables
/// 83155b5's paper-figures rendered (83155b5-rendered; comparison.md holds 83155b5's table first, then the per-seed
/// table and paired statistics added since; variance.md, the variance study's table, is new since, from the same finals,
/// which have no cell.json and so no cost); figures are checked to be written.
/// </summary>
public sealed class FixtureRenderingTests
{
    public static readonly TheoryData<string, string[], string[]> Cases = new()
    {
        { "finetune-single", ["finetune-single"], ["fig2-finetune-single.png"] },
        { "prune", ["prune"], [] },
        { "run", ["run"], ["fig2-run.png", "fig4a-run.png", "fig4b-run.png"] },
        { "sweep", ["sweep"], ["fig3-fashion-mnist.png"] },
        { "compare", ["compare-finals"], ["comparison.png", "fig4a-autolr_final.png"] },
        { "everything", ["finetune-single", "finetune-autolr-interrupted", "prune", "run", "sweep", "compare-finals", "compare-tuning"], ["fig3-fashion-mnist.png"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void All_renders_the_tables_83155b5_rendered(string golden, string[] folders, string[] figures)
    {
        var output = Render(Artifacts.All, Runs(folders));

        var expected = Directory.GetFiles(Path.Combine(RunDirectories83155b5.Rendered, golden)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(Path.GetFileName), Directory.GetFiles(output, "*.md").Order(StringComparer.Ordinal).Select(Path.GetFileName));
        foreach (var table in expected)
            Assert.Equal(File.ReadAllText(table), File.ReadAllText(Path.Combine(output, Path.GetFileName(table))));
        foreach (var figure in figures)
            Assert.True(new FileInfo(Path.Combine(output, figure)).Length > 0, $"{figure} was not written");
    }

    [Fact]
    public void The_interrupted_run_draws_its_figures_from_the_trace_alone()
    {
        var output = Render(Artifacts.All, Runs(["finetune-autolr-interrupted"]));

        Assert.Empty(Directory.GetFiles(output, "*.md"));
        Assert.Equal(["fig2-finetune-autolr-interrupted.png", "fig4a-finetune-autolr-interrupted.png", "fig4b-finetune-autolr-interrupted.png"],
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_restated_run_renders_the_tables_83155b5_rendered_from_its_jq_restatement()
    {
        var derived = Render([new RunRestatement()], Runs(["run"]));
        Assert.Equal(["run-prune", "run-pruning-only", "run-single", "test"], Directory.GetDirectories(derived).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var prunes = RunDirectory.Discover([Path.Combine(derived, "run-prune")]);

        var golden = Path.Combine(RunDirectories83155b5.Rendered, "run-restated");
        Assert.Equal(File.ReadAllText(Path.Combine(golden, "table1-validation.md")), Table("table1", prunes));
        Assert.Equal(File.ReadAllText(Path.Combine(golden, "table1-test.md")), Table("table1", RunDirectory.Discover([Path.Combine(derived, "test")])));
        Assert.Equal(File.ReadAllText(Path.Combine(golden, "table2.md")),
            Table("table2", RunDirectory.Discover([RunDirectories83155b5.In("run"), Path.Combine(derived, "run-single"), Path.Combine(derived, "run-pruning-only")])));
    }

    /// <summary>The run directories of fixture folders; "compare-finals" and "compare-tuning" stand for the compare run's stages.</summary>
    private static IReadOnlyList<RunDirectory> Runs(IEnumerable<string> folders) => RunDirectory.Discover(folders.SelectMany<string, string>(folder => folder switch
    {
        "compare-finals" => RunDirectories83155b5.CompareFinals,
        "compare-tuning" => Directory.GetDirectories(RunDirectories83155b5.In("compare"), "tune*", SearchOption.AllDirectories).Order(StringComparer.Ordinal),
        _ => [RunDirectories83155b5.In(folder)],
    }));

    private static string Render(IEnumerable<IArtifact> artifacts, IReadOnlyList<RunDirectory> runs)
    {
        var output = Host.HostRun.NewTemporaryFolder();
        foreach (var artifact in artifacts) artifact.Render(runs, output, new RenderOptions());
        return output;
    }

    private static string Table(string name, IReadOnlyList<RunDirectory> runs)
    {
        var output = Render([Artifacts.All.Single(a => a.Name == name)], runs);
        return File.ReadAllText(Path.Combine(output, $"{name}.md"));
    }
}
