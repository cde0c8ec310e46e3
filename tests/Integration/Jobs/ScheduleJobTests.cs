using System.Text.Json.Nodes;
using AutoLR.Integration.Host;
using AutoLR.PaperFigures.Runs;

namespace AutoLR.Integration.Jobs;

/// <summary>`autolr finetune --schedule S` for every schedule: a finished run with results.json and a trace.</summary>
public class ScheduleJobTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Theory]
    [InlineData("single")]
    [InlineData("step")]
    [InlineData("cyclic")]
    [InlineData("sgdr")]
    [InlineData("layer-decay")]
    [InlineData("discriminative")]
    [InlineData("autolr")]
    public async Task Finetune_with_each_schedule_finishes_with_results_and_a_trace(string schedule)
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(_cache,
            ["finetune", "--schedule", schedule, "--pruning-depth", "1", .. AutoLrChild.Tiny, "--epochs", "2", "--output", output]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var run = AutoLrChild.RunFolder(output);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "results.json")))!;
        Assert.Equal(schedule, results["schedule"]!.GetValue<string>());
        Assert.Equal(1, results["pruningDepth"]!.GetValue<int>());
        Assert.Equal(results["seed"]!.GetValue<int>(), results["settings"]!["Seed"]!.GetValue<int>());
        var trace = TraceFile.Read(Path.Combine(run, "trace.jsonl"));
        Assert.Equal([1, 2], trace.Select(t => t.Epoch).Distinct());
        Assert.All(trace, t => Assert.Equal(8, t.Variations.Length));
        if (schedule != "autolr") Assert.All(trace, t => Assert.True(t.Accepted && t.Trial == 1 && t.Targets is null));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
    }
}
