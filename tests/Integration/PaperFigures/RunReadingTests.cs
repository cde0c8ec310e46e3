using System.Text.Json.Nodes;
using AutoLR.RunFormat.Trace;
using AutoLR.RunFormat.Runs;
using AutoLR.RunFormat.Json;

namespace AutoLR.Integration.PaperFigures;

public sealed class RunReadingTests : IDisposable
{
    private readonly SyntheticRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    [Fact]
    public void ReadsResultsTraceAndMetricsAsWritten()
    {
        var folder = _runs.Write("autolr", SyntheticRuns.Results("finetune", "autolr", 7, 2, 0.61, alpha: 2, beta: 0.4),
            SyntheticRuns.AutoLrTrace(), [SyntheticRuns.Epoch(1), SyntheticRuns.Epoch(2), SyntheticRuns.Epoch(3)]);

        var run = RunDirectory.Load(folder);

        Assert.Equal("autolr", run.Name);
        var results = run.Results!;
        Assert.Equal(("finetune", "fmnist", 7, "autolr", 2, 2.0, 0.4), (results.Command, results.Dataset, results.Seed, results.Schedule, results.PruningDepth, results.Alpha!.Value, results.Beta!.Value));
        Assert.Equal([1, 2, 4, 8], results.RecallAtK.Keys);
        Assert.Equal(0.61, results.RecallAtK[1], 12);
        Assert.Equal(6, run.Trace.Count);
        Assert.True(double.IsNaN(run.Trace[0].SortingQuality), "JSON null reads as NaN");
        Assert.True(double.IsNaN(run.Trace[1].SortingQuality), "\"NaN\" reads as NaN");
        Assert.Equal([1e-3, 2e-3, 4e-3], run.Trace[1].Lrs);
        Assert.True(double.IsNaN(run.Trace[1].Variations[1]) && double.IsNaN(run.Trace[1].TrainLoss), "a diverged trial's NaNs read as NaN");
        Assert.Null(run.Trace[2].Targets);
        Assert.Equal([2e-3, 6e-3, 18e-3], run.Trace[3].NextLrs!.Value);
        Assert.Equal(["trial-cap-reached", "accepted-best:trial1"], run.Trace[4].Events);
        Assert.Equal(3, run.Metrics.Count);
        Assert.Equal("finetune", run.Metrics[0].Phase);
    }

    [Fact]
    public void EachEpochKeepsTheAcceptedTrialOrTheOneNamedByAcceptedBest()
    {
        var kept = AcceptedTrials.PerEpoch(RunDirectory.Load(_runs.Write("autolr", null, SyntheticRuns.AutoLrTrace())).Trace);

        Assert.Equal([(1, 3), (2, 1), (3, 1)], kept.Select(t => (t.Epoch, t.Trial)));
        Assert.Equal(1.1e-5, kept[1].Variations[0]);
    }

    [Fact]
    public void AMalformedTraceLineNamesFileAndLine()
    {
        var folder = _runs.Write("broken", null);
        var trace = Path.Combine(folder, "trace.jsonl");
        SyntheticRuns.WriteLines(trace, [SyntheticRuns.SingleLrTrace(1).Single().ToJsonString(), "{\"epoch\": 2, \"trial\": 1, \"layers\": [", ""]);

        var error = Assert.Throws<RunFormatException>(() => RunDirectory.Load(folder));

        Assert.StartsWith($"{trace}, line 2: not a trial record", error.Message);
    }

    [Fact]
    public void AMissingRequiredTraceFieldIsNamedWithFileAndLine()
    {
        var folder = _runs.Write("missing", null);
        var trace = Path.Combine(folder, "trace.jsonl");
        var lines = SyntheticRuns.SingleLrTrace(3).ToList();
        lines[2].Remove("variations");
        SyntheticRuns.WriteLines(trace, lines.Select(l => l.ToJsonString()));

        var error = Assert.Throws<RunFormatException>(() => RunDirectory.Load(folder));

        Assert.StartsWith($"{trace}, line 3: not a trial record", error.Message);
        Assert.Contains("'variations'", error.Message);
    }

    [Fact]
    public void AMistypedMetricsFieldIsNamed()
    {
        var folder = _runs.Write("mistyped", null);
        var metrics = Path.Combine(folder, "metrics.jsonl");
        var epoch = SyntheticRuns.Epoch(1);
        epoch["epoch"] = "one";
        SyntheticRuns.WriteLines(metrics, [epoch.ToJsonString()]);

        var error = Assert.Throws<RunFormatException>(() => RunDirectory.Load(folder));

        Assert.StartsWith($"{metrics}, line 1: field 'epoch' must be an integer", error.Message);
    }

    [Fact]
    public void ResultsWithoutSeedOrAPruneRunWithoutDepthScoresAreRefused()
    {
        var noSeed = SyntheticRuns.Results("finetune", "single", 1, 0, 0.5);
        noSeed.Remove("seed");
        var folder = _runs.Write("no-seed", noSeed);
        var error = Assert.Throws<RunFormatException>(() => RunDirectory.Load(folder));
        Assert.Equal($"{Path.Combine(folder, "results.json")}: required field 'seed' is missing.", error.Message);

        var prune = _runs.Write("prune", SyntheticRuns.Results("prune", "single", 1, 1, 0.5));
        Assert.Contains("'pruning'", Assert.Throws<RunFormatException>(() => RunDirectory.Load(prune)).Message);
    }

    [Fact]
    public void AFolderOfRunsStandsForTheRunsInside()
    {
        _runs.Write("a", SyntheticRuns.Results("finetune", "single", 1, 0, 0.5));
        _runs.Write("b", null, metrics: [SyntheticRuns.Epoch(1)]);
        Directory.CreateDirectory(Path.Combine(_runs.Root, "runs", "not-a-run"));

        var found = RunDirectory.Discover([Path.Combine(_runs.Root, "runs")]);

        Assert.Equal(["a", "b"], found.Select(r => r.Name));
        Assert.Throws<RunFormatException>(() => RunDirectory.Discover([Path.Combine(_runs.Root, "runs", "not-a-run")]));
    }

    [Fact]
    public void RecallKeysMustBeWholeNumbers()
    {
        var results = SyntheticRuns.Results("finetune", "single", 1, 0, 0.5);
        results["recallAtK"] = new JsonObject { ["top1"] = 0.5 };
        var folder = _runs.Write("bad-k", results);

        Assert.Contains("key 'top1'", Assert.Throws<RunFormatException>(() => RunDirectory.Load(folder)).Message);
    }
}
