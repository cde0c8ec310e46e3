using AutoLR.Algorithms;
using AutoLR.Experiments.Results;
using AutoLR.Experiments.Stages;
using AutoLR.Integration.Host;

namespace AutoLR.Integration.Jobs;

/// <summary>
/// A pruning search on one validation class is meaningless (every depth scores Recall@1 = 100 %; issue 10, case 5):
/// refused before training, and a search whose scores cannot tell depths apart is flagged in the report.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class ValidationSizeTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task One_validation_class_is_refused_with_exit_2_naming_the_fraction_and_leaving_no_run_directory()
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(_cache, ["prune", .. AutoLrChild.Tiny, "--epochs", "1", "--validation-fraction", "0.1", "--output", output]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--validation-fraction 0.1 leaves 1 validation class of the 5 training classes", result.Error);
        Assert.Contains("at least 0.3", result.Error);
        AutoLrChild.AssertNoStackTrace(result.Error);
        Assert.Empty(Directory.GetDirectories(output));
    }

    [Fact]
    public void Equal_selection_scores_at_every_depth_are_flagged_as_saturated()
    {
        StageResult Depth(int depth, double recall1) =>
            new($"prune-depth-{depth}", "prune", depth, "single", 1, new Dictionary<int, double> { [1] = recall1 }, new Dictionary<int, double> { [1] = 0.5 }, []);
        Assert.True(SelectionSaturation.IsSaturated([Depth(0, 1.0), Depth(1, 1.0), Depth(2, 1.0)]));
        Assert.False(SelectionSaturation.IsSaturated([Depth(0, 0.9), Depth(1, 0.95)]));
        Assert.False(SelectionSaturation.IsSaturated([Depth(0, 1.0)]));
        Assert.Contains("Saturated selection", JobReports.PruningMarkdown([Depth(0, 1.0), Depth(1, 1.0)], new PruningResult(1, 1.0, [Tuple.Create(0, 1.0), Tuple.Create(1, 1.0)], "cap reached"), "validation"));
    }
}
