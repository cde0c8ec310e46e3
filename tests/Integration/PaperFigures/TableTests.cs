using System.Text.Json.Nodes;
using AutoLR.RunFormat.Runs;
using AutoLR.PaperFigures.Tables;

namespace AutoLR.Integration.PaperFigures;

/// <summary>
/// Expected cells are worked out by hand here, not by the renderer's code: e.g. R@1 of 0.50, 0.52, 0.57 has mean
/// 0.53 and sample std sqrt((0.03² + 0.01² + 0.04²) / 2) = 0.0361, shown as "53.0 ± 3.6".
/// </summary>
public sealed class TableTests : IDisposable
{
    private readonly SyntheticRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    private IReadOnlyList<RunDirectory> FinalRuns()
    {
        double[] single = [0.50, 0.52, 0.57];
        for (var s = 0; s < single.Length; s++)
            _runs.Write($"single-{s}", SyntheticRuns.Results("finetune", "single", s + 1, 0, single[s]), SyntheticRuns.SingleLrTrace(3));
        _runs.Write("pruned", SyntheticRuns.Results("finetune", "single", 1, 2, 0.60), SyntheticRuns.SingleLrTrace(3));
        _runs.Write("autolr-1", SyntheticRuns.Results("finetune", "autolr", 1, 2, 0.70, alpha: 2, beta: 0.4), SyntheticRuns.AutoLrTrace());
        _runs.Write("autolr-2", SyntheticRuns.Results("finetune", "autolr", 2, 2, 0.74, alpha: 2, beta: 0.4), SyntheticRuns.AutoLrTrace());
        _runs.Write("step", SyntheticRuns.Results("finetune", "step", 1, 2, 0.65), metrics: Enumerable.Range(1, 3).Select(e => SyntheticRuns.Epoch(e, 12)));
        _runs.Write("sweep", SyntheticRuns.Results("sweep", "autolr", 1, 2, 0.99, alpha: 1, beta: 0.2), SyntheticRuns.AutoLrTrace());
        return RunDirectory.Discover([Path.Combine(_runs.Root, "runs")]);
    }

    private static IReadOnlyList<string> Row(MarkdownTable table, params string[] leading) =>
        table.Rows.Single(r => r.Take(leading.Length).SequenceEqual(leading));

    [Fact]
    public void AblationTableAveragesSeedsWithSampleStd()
    {
        var table = AblationTable.Build(FinalRuns());

        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(["fmnist", "Single LR", "0", "3", "53.0 ± 3.6", "63.0 ± 3.6", "73.0 ± 3.6", "83.0 ± 3.6", "3"], table.Rows[0]);
        Assert.Equal(["fmnist", "Pruning only", "2", "3", "60.0", "70.0", "80.0", "90.0", "1"], table.Rows[1]);
        Assert.Equal(["fmnist", "Pruning + AutoLR", "2", "3", "72.0 ± 2.8", "82.0 ± 2.8", "92.0 ± 2.8", "102.0 ± 2.8", "2"], table.Rows[2]);
        Assert.Contains("sample standard deviation", table.Render());
        Assert.Contains("| R@1 (%) | R@2 (%) | R@4 (%) | R@8 (%) | n |", table.Render());
    }

    [Fact]
    public void ScheduleTableOrdersBaselinesBeforeAutoLrAndLeavesSweepsOut()
    {
        var table = ScheduleComparisonTable.Build(FinalRuns());

        Assert.Equal(["single LR", "single LR", "step", "AutoLR (α 2, β 0.4)"], table.Rows.Select(r => r[2]));
        Assert.Equal("65.0", Row(table, "fmnist", "2", "step")[4]);
        Assert.Equal("72.0 ± 2.8", Row(table, "fmnist", "2", "AutoLR (α 2, β 0.4)")[4]);
    }

    [Fact]
    public void CostTableCountsRetriesAgainstSingleLr()
    {
        var table = CostTable.Build(FinalRuns());

        // AutoLR trace: epochs 1, 2, 3 with 3, 2, 1 trials of 10 s each; single LR at depth 2: 3 trials of 10 s.
        Assert.Equal(["fmnist", "2", "AutoLR", "3.0 ± 0.0", "6.0 ± 0.0", "2.00 ± 0.00", "3", "60 ± 0", "2.00×", "2.00×", "2"],
            Row(table, "fmnist", "2", "AutoLR"));
        // Step has no trace: 3 metrics epochs of 12 s.
        Assert.Equal(["fmnist", "2", "step", "3.0", "3.0", "1.00", "1", "36", "1.00×", "1.20×", "1"], Row(table, "fmnist", "2", "step"));
        Assert.Equal("1.00×", Row(table, "fmnist", "0", "single LR")[8]);
    }

    [Fact]
    public void PruningTableAveragesEachDepthAndCountsSelections()
    {
        JsonArray Depths(params double[] r1) => new(r1.Select((r, d) => (JsonNode)new JsonObject { ["depth"] = d, ["recallAtK"] = SyntheticRuns.Recall(r) }).ToArray());
        _runs.Write("prune-1", SyntheticRuns.Results("prune", "single", 1, 1, 0.55, pruning: Depths(0.50, 0.55, 0.53)));
        _runs.Write("prune-2", SyntheticRuns.Results("prune", "single", 2, 1, 0.57, pruning: Depths(0.52, 0.57, 0.50)));

        var table = PruningDepthTable.Build(RunDirectory.Discover([Path.Combine(_runs.Root, "runs")]));

        Assert.Equal(["fmnist", "resnet18", "0", "none", "51.0 ± 1.4", "61.0 ± 1.4", "71.0 ± 1.4", "81.0 ± 1.4", "2", "0 of 2"], table.Rows[0]);
        Assert.Equal(["fmnist", "resnet18", "1", "9", "56.0 ± 1.4", "66.0 ± 1.4", "76.0 ± 1.4", "86.0 ± 1.4", "2", "2 of 2"], table.Rows[1]);
        Assert.Equal(["fmnist", "resnet18", "2", "8–9", "51.5 ± 2.1", "61.5 ± 2.1", "71.5 ± 2.1", "81.5 ± 2.1", "2", "0 of 2"], table.Rows[2]);
    }

    [Fact]
    public void RunsThatDifferOnlyInBaseLrAreNeverAveraged()
    {
        // As the host writes them: every resolved setting, the seed included.
        JsonObject Settings(double baseLr, int seed) => new() { ["Tau"] = 0.94, ["BaseLr"] = baseLr, ["Seed"] = seed };
        JsonObject Run(double baseLr, int seed, double r1) =>
            SyntheticRuns.Results("finetune", "autolr", seed, 2, r1, alpha: 2, beta: 0.4, settings: Settings(baseLr, seed));
        _runs.Write("lr-0.01-seed1", Run(0.01, 1, 0.70), SyntheticRuns.AutoLrTrace());
        _runs.Write("lr-0.01-seed2", Run(0.01, 2, 0.74), SyntheticRuns.AutoLrTrace());
        _runs.Write("lr-0.001-seed1", Run(0.001, 1, 0.40), SyntheticRuns.AutoLrTrace());
        var runs = RunDirectory.Discover([Path.Combine(_runs.Root, "runs")]);

        var schedules = ScheduleComparisonTable.Build(runs);
        Assert.Equal(["AutoLR (α 2, β 0.4) [BaseLr 0.001]", "AutoLR (α 2, β 0.4) [BaseLr 0.01]"], schedules.Rows.Select(r => r[2]).Order());
        var low = Row(schedules, "fmnist", "2", "AutoLR (α 2, β 0.4) [BaseLr 0.001]");
        Assert.Equal(("40.0", "1"), (low[4], low[^1]));
        var high = Row(schedules, "fmnist", "2", "AutoLR (α 2, β 0.4) [BaseLr 0.01]");
        Assert.Equal(("72.0 ± 2.8", "2"), (high[4], high[^1]));
        Assert.Equal(2, AblationTable.Build(runs).Rows.Count);
        Assert.Equal(["1", "2"], CostTable.Build(runs).Rows.Select(r => r[^1]).Order());
    }

    [Fact]
    public void PruneRunsThatDifferOnlyInBaseLrAreSeparateSearches()
    {
        JsonArray Depths(params double[] r1) => new(r1.Select((r, d) => (JsonNode)new JsonObject { ["depth"] = d, ["recallAtK"] = SyntheticRuns.Recall(r) }).ToArray());
        JsonObject Prune(double baseLr, int seed, int chosen) => SyntheticRuns.Results("prune", "single", seed, chosen, 0.5, pruning: Depths(0.50, 0.55, 0.53),
            settings: new JsonObject { ["BaseLr"] = baseLr, ["Seed"] = seed });
        // The depth each search selected is its outcome: seeds 1 and 2 at base LR 0.01 are one configuration.
        _runs.Write("prune-0.01-s1", Prune(0.01, 1, 1));
        _runs.Write("prune-0.01-s2", Prune(0.01, 2, 2));
        _runs.Write("prune-0.1-s1", Prune(0.1, 1, 1));

        var table = PruningDepthTable.Build(RunDirectory.Discover([Path.Combine(_runs.Root, "runs")]));

        Assert.Equal(["resnet18 [BaseLr 0.01]", "resnet18 [BaseLr 0.1]"], table.Rows.Select(r => r[1]).Distinct().Order());
        Assert.Equal("2", Row(table, "fmnist", "resnet18 [BaseLr 0.01]", "0")[8]);
        Assert.Equal("1", Row(table, "fmnist", "resnet18 [BaseLr 0.1]", "0")[8]);
    }
}
