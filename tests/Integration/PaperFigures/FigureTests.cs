using System.Buffers.Binary;
using System.Text.Json.Nodes;
using AutoLR.PaperFigures;
using AutoLR.PaperFigures.Figures;
using AutoLR.RunFormat.Trace;
using AutoLR.RunFormat.Runs;

namespace AutoLR.Integration.PaperFigures;

public sealed class FigureTests : IDisposable
{
    private readonly SyntheticRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    /// <summary>Width and height from a PNG's IHDR chunk, after checking the signature.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [Fact]
    public void WeightVariationAndTrialFiguresArePngsOfTheirSize()
    {
        _runs.Write("single", SyntheticRuns.Results("finetune", "single", 1, 0, 0.5), SyntheticRuns.SingleLrTrace(4));
        _runs.Write("autolr", SyntheticRuns.Results("finetune", "autolr", 1, 2, 0.6, alpha: 2, beta: 0.4), SyntheticRuns.AutoLrTrace());
        _runs.Write("sweep", SyntheticRuns.Results("sweep", "autolr", 1, 2, 0.6, alpha: 1, beta: 0.2), SyntheticRuns.AutoLrTrace());
        var runs = RunDirectory.Discover([Path.Combine(_runs.Root, "runs")]);

        var fig2 = new WeightVariationFigure().Render(runs, _runs.Output, new RenderOptions());
        var fig4 = new TrialTrajectoryFigure().Render(runs, _runs.Output, new RenderOptions(LastEpoch: 2));

        Assert.Equal(["fig2-autolr.png", "fig2-single.png"], fig2.Files.Select(Path.GetFileName));
        Assert.Equal(["fig4a-autolr.png", "fig4b-autolr.png"], fig4.Files.Select(Path.GetFileName));
        foreach (var png in fig2.Files.Concat(fig4.Files)) Assert.Equal((FigureStyle.Width, FigureStyle.Height), PngSize(png));
    }

    [Fact]
    public void RunsOfTheSameNameInDifferentFoldersGetDifferentFigures()
    {
        var first = _runs.Write(Path.Combine("cub", "seed1"), null, SyntheticRuns.SingleLrTrace(2));
        var second = _runs.Write(Path.Combine("cars", "seed1"), null, SyntheticRuns.SingleLrTrace(2));

        var outcome = new WeightVariationFigure().Render(RunDirectory.Discover([first, second]), _runs.Output, new RenderOptions());

        Assert.Equal(["fig2-cub_seed1.png", "fig2-cars_seed1.png"], outcome.Files.Select(Path.GetFileName));
    }

    [Fact]
    public void TrialsAreLabelledEpochDashTrial()
    {
        var trace = RunDirectory.Load(_runs.Write("autolr", null, SyntheticRuns.AutoLrTrace())).Trace;

        Assert.Equal(["1-1", "1-2", "1-3", "2-1", "2-2", "3-1"], AcceptedTrials.InOrder(trace).Select(TrialTrajectoryFigure.TrialLabel));
    }

    [Fact]
    public void HeatmapMarksEmptyRangeCells()
    {
        var empty = SyntheticRuns.AutoLrTrace().ToList();
        empty[0]["events"] = new System.Text.Json.Nodes.JsonArray("empty-target-range");
        var lateEmpty = SyntheticRuns.AutoLrTrace().ToList();
        lateEmpty[3]["events"] = new System.Text.Json.Nodes.JsonArray("empty-target-range");
        _runs.Write("a1-b0.2", SyntheticRuns.Results("sweep", "autolr", 1, 2, 0.50, alpha: 1, beta: 0.2), SyntheticRuns.AutoLrTrace());
        _runs.Write("a2-b0.2", SyntheticRuns.Results("sweep", "autolr", 1, 2, 0.40, alpha: 2, beta: 0.2), empty);
        _runs.Write("a1-b0.4-s1", SyntheticRuns.Results("sweep", "autolr", 1, 2, 0.60, alpha: 1, beta: 0.4), empty);
        _runs.Write("a1-b0.4-s2", SyntheticRuns.Results("sweep", "autolr", 2, 2, 0.64, alpha: 1, beta: 0.4), lateEmpty);
        var runs = RunDirectory.Discover([Path.Combine(_runs.Root, "runs")]);

        var grid = Assert.Single(AlphaBetaGrid.Build(runs));
        Assert.Equal([1.0, 2.0], grid.Alphas);
        Assert.Equal([0.2, 0.4], grid.Betas);
        Assert.False(grid.Cells[(1, 0.2)].EmptyRange);
        Assert.True(grid.Cells[(2, 0.2)].EmptyRange);
        Assert.Equal((1, 2), (grid.Cells[(1, 0.4)].EmptyRangeRuns, grid.Cells[(1, 0.4)].Runs));

        var table = AlphaBetaHeatmap.Table(grid);
        Assert.Equal(["0.4", "62.0 ± 2.8 [n = 2] (empty range in 1 of 2 runs)", "no run"], table.Rows[0]);
        Assert.Equal(["0.2", "50.0", "40.0 (empty range)"], table.Rows[1]);

        var outcome = new AlphaBetaHeatmap().Render(runs, _runs.Output, new RenderOptions());
        Assert.Equal(["fig3-fmnist.png", "fig3-fmnist.md"], outcome.Files.Select(Path.GetFileName));
        Assert.Equal((900, 700), PngSize(outcome.Files[0]));
    }

    [Fact]
    public void TheComparisonPairsBySeedAndKeepsAutoLrWithProbesApartFromFullEpochAutoLr()
    {
        // Seeds 1–3: full-epoch AutoLR 0.80/0.82/0.84, with probes 0.79/0.82/0.82, single LR 0.78/0.79/0.83.
        double[] full = [0.80, 0.82, 0.84], probes = [0.79, 0.82, 0.82], single = [0.78, 0.79, 0.83];
        for (var s = 1; s <= 3; s++)
        {
            _runs.Write($"c1-seed{s}-autolr", SyntheticRuns.Results("compare", "autolr", s, 0, full[s - 1], settings: new() { ["ProbeFraction"] = 1.0 }));
            _runs.Write($"c2-seed{s}-autolr", SyntheticRuns.Results("compare", "autolr", s, 0, probes[s - 1], settings: new() { ["ProbeFraction"] = 0.25 }));
            _runs.Write($"c1-seed{s}-single", SyntheticRuns.Results("compare", "single", s, 0, single[s - 1]));
        }
        var runs = RunDirectory.Discover([Path.Combine(_runs.Root, "runs")]);

        var outcome = new AutoLR.PaperFigures.Tables.PairedComparison().Render(runs, _runs.Output, new RenderOptions());

        var text = File.ReadAllText(outcome.Files.Single(f => f.EndsWith(".md", StringComparison.Ordinal)));
        // Full-epoch AutoLR − probes: +0.01, 0, +0.02 → mean +1.00 points, 2 wins 1 tie; − single: +0.02, +0.03, +0.01.
        Assert.Matches(@"\| autolr \(f = 0.25\) \| 3 \| [^|]+ \| \+1\.00 \| [^|]+ \| 2/1/0 \|", text);
        Assert.Matches(@"\| single \| 3 \| [^|]+ \| \+2\.00 \| [^|]+ \| 3/0/0 \|", text);
        // The probing AutoLR's own table: − single = +0.01, +0.03, −0.01 → +1.00, 2 wins 1 loss.
        Assert.Contains("autolr (f = 0.25) − method", text);
        Assert.Matches(@"(?s)autolr \(f = 0.25\) − method.*\| single \| 3 \| [^|]+ \| \+1\.00 \| [^|]+ \| 2/0/1 \|", text);
    }

    [Fact]
    public void AnAutoLrRuleVariantIsAMethodOfItsOwnNamedByItsNonDefaultRules()
    {
        // The paper's AutoLR 0.80/0.82/0.84; with the relative variation and the response-exponent renewal 0.81/0.84/0.84.
        double[] paper = [0.80, 0.82, 0.84], variant = [0.81, 0.84, 0.84];
        for (var s = 1; s <= 3; s++)
        {
            _runs.Write($"c1-seed{s}-autolr", SyntheticRuns.Results("compare", "autolr", s, 0, paper[s - 1],
                settings: new() { ["Normalisation"] = "per-weight", ["LrRenewal"] = "proportional", ["ProbeFraction"] = 1.0 }));
            _runs.Write($"c2-seed{s}-autolr", SyntheticRuns.Results("compare", "autolr", s, 0, variant[s - 1],
                settings: new() { ["Normalisation"] = "relative", ["LrRenewal"] = "response-exponent", ["ProbeFraction"] = 1.0 }));
        }
        var runs = RunDirectory.Discover([Path.Combine(_runs.Root, "runs")]);

        var outcome = new AutoLR.PaperFigures.Tables.PairedComparison().Render(runs, _runs.Output, new RenderOptions());

        var text = File.ReadAllText(outcome.Files.Single(f => f.EndsWith(".md", StringComparison.Ordinal)));
        // Paper − variant: −0.01, −0.02, 0 → −1.00 points, 0 wins 1 tie 2 losses.
        Assert.Matches(@"\| autolr \(relative, response-exponent\) \| 3 \| [^|]+ \| -1\.00 \| [^|]+ \| 0/1/2 \|", text);
        Assert.Contains("autolr (relative, response-exponent) − method", text);
    }

    [Fact]
    public void AllRendersEveryArtifactThatTheRunsAllowAndSaysWhyTheOthersAreMissing()
    {
        _runs.Write("single", SyntheticRuns.Results("finetune", "single", 1, 0, 0.5), SyntheticRuns.SingleLrTrace(2));
        var command = CommandLine.Parse(["all", "--runs", Path.Combine(_runs.Root, "runs"), "--out", _runs.Output]);
        var runs = RunDirectory.Discover(command.Runs);

        var outcomes = command.Artifacts.ToDictionary(a => a.Name, a => a.Render(runs, command.Output, command.Options));

        Assert.Equal(["fig2", "table1", "fig3", "fig4", "table2", "table5", "cost", "comparison", "variance"], outcomes.Keys);
        Assert.Contains("prune", outcomes["table1"].Skipped);
        Assert.Contains("autolr compare", outcomes["comparison"].Skipped);
        Assert.Contains("sweep", outcomes["fig3"].Skipped);
        Assert.Single(outcomes["table2"].Files);
        Assert.Contains("| fmnist | Single LR | 0 | 3 | 50.0 |", File.ReadAllText(outcomes["table2"].Files[0]));
    }

    [Fact]
    public void CommandLineMistakesShowTheUsage()
    {
        Assert.Contains("usage:", Assert.Throws<UsageException>(() => CommandLine.Parse(["fig9", "--runs", "x", "--out", "y"])).Message);
        Assert.Contains("--out", Assert.Throws<UsageException>(() => CommandLine.Parse(["fig2", "--runs", "x"])).Message);
        Assert.Equal(["a", "b"], CommandLine.Parse(["fig4", "--runs", "a", "b", "--out", "o", "--epochs", "15"]).Runs);
    }

    [Fact]
    public void SweepsThatDifferOnlyInBaseLrAreSeparateGrids()
    {
        JsonObject Cell(double baseLr, double alpha, double r1) => SyntheticRuns.Results("sweep", "autolr", 1, 2, r1, alpha: alpha, beta: 0.2,
            settings: new JsonObject { ["BaseLr"] = baseLr, ["Alpha"] = alpha, ["Beta"] = 0.2, ["Seed"] = 1 });
        _runs.Write("lr0.01-a1", Cell(0.01, 1, 0.50), SyntheticRuns.AutoLrTrace());
        _runs.Write("lr0.01-a2", Cell(0.01, 2, 0.60), SyntheticRuns.AutoLrTrace());
        _runs.Write("lr0.1-a1", Cell(0.1, 1, 0.20), SyntheticRuns.AutoLrTrace());

        var grids = AlphaBetaGrid.Build(RunDirectory.Discover([Path.Combine(_runs.Root, "runs")]));

        Assert.Equal([" [BaseLr 0.01]", " [BaseLr 0.1]"], grids.Select(g => g.Apart).Order());
        var low = grids.Single(g => g.Apart == " [BaseLr 0.01]");
        Assert.Equal([1.0, 2.0], low.Alphas);
        Assert.Equal(1, low.Cells[(1, 0.2)].Runs);
        Assert.Equal(0.2, grids.Single(g => g.Apart == " [BaseLr 0.1]").Cells[(1, 0.2)].RecallAt1.Mean, 12);
    }
}
