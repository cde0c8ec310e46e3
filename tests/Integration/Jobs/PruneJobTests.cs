using AutoLR.Integration.Host;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Trace;

namespace AutoLR.Integration.Jobs;

/// <summary>`autolr prune`: Algorithm 1 driven by the host's PruningPlan, the one driver of the search.</summary>
[Trait(Tier.Name, Tier.Full)]
public class PruneJobTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task Prune_fine_tunes_each_depth_the_search_asks_for_and_selects_by_Algorithm_1()
    {
        const int maxDepth = 2;
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(_cache, ["prune", .. AutoLrChild.Tiny, "--epochs", "1", "--max-pruning-depth", $"{maxDepth}", "--output", output]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var run = AutoLrChild.RunFolder(output);
        var results = ResultsFile.Read(Path.Combine(run, "results.json"));
        var blockCount = results.BlockCount!.Value;
        var tried = results.Pruning.Select(d => (d.Depth, Score: d.RecallAtK[1])).ToList();

        // Depths 0, 1, ... in order, one block deeper while the score did not drop (Algorithm 1, line 6), never past the cap.
        Assert.Equal(Enumerable.Range(0, tried.Count), tried.Select(t => t.Depth));
        Assert.InRange(tried.Count, 1, maxDepth + 1);
        for (var i = 1; i < tried.Count - 1; i++) Assert.True(tried[i].Score >= tried[i - 1].Score, $"the search went on after a drop: {string.Join(", ", tried)}");
        var dropped = tried.Count > 1 && tried[^1].Score < tried[^2].Score;
        Assert.Equal(dropped ? "score dropped" : "cap reached", results.StoppedBecause);
        if (!dropped) Assert.Equal(maxDepth, tried[^1].Depth);
        // The best score wins, the deeper depth on ties.
        var best = tried.Aggregate((b, t) => t.Score >= b.Score ? t : b);
        Assert.Equal(best.Depth, results.PruningDepth);

        // Each depth trained a network with its top blocks removed, in a trace of its own.
        foreach (var (depth, _) in tried)
        {
            var trace = TraceFile.Read(Path.Combine(run, $"trace-depth-{depth}.jsonl"));
            Assert.NotEmpty(trace);
            Assert.All(trace, line => Assert.Equal(blockCount - depth, line.Layers.Length));
        }
    }
}
