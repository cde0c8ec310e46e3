using AutoLR.Algorithms;
using AutoLR.Integration.Host;
using AutoLR.RunFormat.Metrics;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Trace;

namespace AutoLR.Integration.Jobs;

/// <summary>`autolr finetune --schedule S` for every schedule: a finished run with results.json and a trace.</summary>
[Trait(Tier.Name, Tier.Full)]
public class ScheduleJobTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    /// <summary>Every schedule of the F# catalogue, so that a new one is run end to end without editing this test.</summary>
    public static TheoryData<string> Schedules => [.. ScheduleCatalog.names];

    [Theory]
    [MemberData(nameof(Schedules))]
    public async Task Finetune_with_each_schedule_finishes_with_results_and_a_trace(string schedule)
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(_cache,
            ["finetune", "--schedule", schedule, "--pruning-depth", "1", .. AutoLrChild.Tiny, "--epochs", "2", "--output", output]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var run = AutoLrChild.RunFolder(output);
        var results = ResultsFile.Read(Path.Combine(run, "results.json"));
        Assert.Equal(schedule, results.Schedule);
        Assert.Equal(1, results.PruningDepth);
        Assert.Equal(results.Seed, results.Settings.Number(RecordedSettings.SeedName));
        var trace = TraceFile.Read(Path.Combine(run, "trace.jsonl"));
        Assert.Equal([1, 2], trace.Select(t => t.Epoch).Distinct());
        Assert.All(trace, t => Assert.Equal(8, t.Variations.Length));
        if (schedule != "autolr") Assert.All(trace, t => Assert.True(t.Accepted && t.Trial == 1 && t.Targets is null));
        Assert.Equal([1, 2], MetricsFile.Read(Path.Combine(run, "metrics.jsonl")).Select(m => m.Epoch));
    }

    /// <summary>
    /// The per-step baselines finish a one-epoch fine-tune under their own names, their hyper-parameter reaches them
    /// (recorded in results.json's settings), and the trace's block LRs are measured ones, not the base LR they start
    /// from before any step.
    /// </summary>
    [Theory]
    [InlineData("lars", "--trust-coefficient", "TrustCoefficient", "0.002")]
    [InlineData("l-dog", "--dog-initial-movement", "DogInitialMovement", "0.001")]
    public async Task A_per_step_schedule_fine_tunes_one_epoch_under_its_name(string schedule, string switchName, string setting, string value)
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(_cache,
            ["finetune", "--schedule", schedule, switchName, value, "--base-lr", "0.01", "--pruning-depth", "1", .. AutoLrChild.Tiny,
             "--epochs", "1", "--output", output]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var run = AutoLrChild.RunFolder(output);
        var results = ResultsFile.Read(Path.Combine(run, "results.json"));
        Assert.Equal(schedule, results.Schedule);
        Assert.Equal(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture), results.Settings.Number(setting));
        var line = Assert.Single(TraceFile.Read(Path.Combine(run, "trace.jsonl")));
        Assert.All(line.Lrs, lr => Assert.True(lr > 0 && double.IsFinite(lr) && lr != 0.01, $"block LRs {string.Join(", ", line.Lrs)}"));
    }

    /// <summary>The baselines' hyper-parameters are settings: the trace shows the LRs they give.</summary>
    [Fact]
    public async Task Step_size_gamma_and_the_stem_and_head_factors_reach_the_trace()
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(_cache,
            ["finetune", "--schedule", "step", "--step-size", "1", "--step-gamma", "0.5", "--stem-factor", "0.25", "--head-factor", "4",
             "--base-lr", "0.01", "--pruning-depth", "1", .. AutoLrChild.Tiny, "--epochs", "2", "--output", output]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var trace = TraceFile.Read(Path.Combine(AutoLrChild.RunFolder(output), "trace.jsonl"));
        Assert.Equal([1, 2], trace.Select(t => t.Epoch));
        foreach (var (line, blockLr) in trace.Zip([0.01, 0.005]))
        {
            Assert.All(line.Lrs, lr => Assert.Equal(blockLr, lr, 15));
            Assert.Equal(0.25 * blockLr, line.StemLr, 15);
            Assert.Equal(4 * blockLr, line.HeadLr, 15);
        }
    }
}
