using AutoLR.Integration.Host;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Trace;

namespace AutoLR.Integration.Jobs;

/// <summary>`autolr sweep`: one AutoLR fine-tune per grid point, each cell a run directory of its own.</summary>
[Trait(Tier.Name, Tier.Full)]
public class SweepJobTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task Sweep_writes_one_cell_per_grid_point_and_records_an_empty_target_range()
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(_cache,
            ["sweep", "--grid", "alpha=2,1000", "--image-size", "32", "--images-per-class", "8", "--batch-size", "8", "--threads", "1", "--epochs", "1", "--output", output]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var sweep = AutoLrChild.RunFolder(output);
        Assert.False(File.Exists(Path.Combine(sweep, "results.json")), "the sweep's own folder must hold no results, so the renderer reads its cells");
        foreach (var alpha in new[] { 2.0, 1000.0 })
        {
            var cell = Path.Combine(sweep, $"alpha={alpha}");
            var results = ResultsFile.Read(Path.Combine(cell, "results.json"));
            Assert.Equal("sweep", results.Command);
            Assert.Equal(alpha, results.Alpha);
            Assert.NotNull(results.Beta);
        }
        // α = 1000 puts the ramp's lower end above β·max v: no targets exist, the trial is kept as it is.
        var trace = TraceFile.Read(Path.Combine(sweep, "alpha=1000", "trace.jsonl"));
        var first = trace.First();
        Assert.True(first.Accepted);
        if (first.SortingQuality <= first.Threshold) Assert.Contains("empty-target-range", first.Events);
    }
}
