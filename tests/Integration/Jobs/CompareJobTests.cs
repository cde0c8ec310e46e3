using System.Text.Json.Nodes;
using AutoLR.Experiments.Comparison;
using AutoLR.Integration.Engine;
using AutoLR.Integration.Host;
using AutoLR.RunFormat.Results;

namespace AutoLR.Integration.Jobs;

/// <summary>`autolr compare` (issue 11 §2): tuned on validation, scored once on a sealed test split, paired report.</summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(TorchGlobalStateCollection.Name)]
public class CompareJobTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    /// <summary>
    /// End to end on tiny data: every grid point of each method is a tuning stage scored on validation only (its
    /// metrics carry no test score), the chosen point's final stage writes results.json (command compare, the chosen
    /// point), and report.md holds the paired table. The test split is sealed during tuning, so a tuning path that read
    /// it would have failed the run.
    /// </summary>
    [Fact]
    public async Task Compare_tunes_on_validation_and_scores_the_chosen_point_once_on_test()
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(_cache,
            ["compare", "--schedules", "single,lp-ft", "--seeds", "1", "--image-size", "32", "--images-per-class", "8", "--batch-size", "8",
             "--threads", "1", "--epochs", "1", "--output", output]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var run = AutoLrChild.RunFolder(output);
        foreach (var (schedule, points) in new[] { ("single", 3), ("lp-ft", 6) })
        {
            for (var i = 0; i < points; i++)
                Assert.False(File.Exists(Path.Combine(run, ComparisonPlan.TuneLabel(1, schedule, i), "results.json")), "a tuning stage wrote test results");
            var results = ResultsFile.Read(Path.Combine(run, ComparisonPlan.FinalLabel(1, schedule), "results.json"));
            Assert.Equal("compare", results.Command);
            Assert.Equal(schedule, results.Schedule);
            Assert.StartsWith("base-lr=", results.ChosenPoint);
        }
        var report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("AutoLR − method", report);
        Assert.Contains("| lp-ft | base-lr ∈", report);
    }

    /// <summary>A sealed test split refuses every read, and serves them once unsealed.</summary>
    [Fact]
    public void A_sealed_test_split_throws_on_any_read_until_unsealed()
    {
        using var data = SyntheticImages.Create(count: 8);
        var test = new SealedTestSplit(data);
        Assert.Throws<InvalidOperationException>(() => test.Count);
        Assert.Throws<InvalidOperationException>(() => test.Labels);
        Assert.Throws<InvalidOperationException>(() => test.GetImage(0));
        Assert.Throws<InvalidOperationException>(() => test.GetBatch([0, 1]));
        test.Unseal();
        Assert.Equal(8, test.Count);
        test.Seal();
        Assert.Throws<InvalidOperationException>(() => test.ClassCount);
    }
}
