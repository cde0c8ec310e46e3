using AutoLR.Runs.Checkpoints;
using AutoLR.Integration.Host;

namespace AutoLR.Integration.Jobs;

/// <summary>Failures a user can cause end as one clear message and exit code 1, without a stack trace.</summary>
[Trait(Tier.Name, Tier.Full)]
public class FailureJobTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task Repeated_divergence_stops_the_run_with_a_message_and_intact_checkpoints()
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(_cache,
            ["finetune", "--schedule", "autolr", .. AutoLrChild.Tiny, "--epochs", "1", "--base-lr", "1000", "--lr-max", "100000", "--output", output]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("diverge", result.Error, StringComparison.OrdinalIgnoreCase);
        AutoLrChild.AssertNoStackTrace(result.Error);

        var run = AutoLrChild.RunFolder(output);
        var trace = File.ReadAllLines(Path.Combine(run, "trace.jsonl"));
        Assert.Contains(trace, line => line.Contains("\"divergence\""));
        Assert.Empty(new CheckpointStore(Path.Combine(run, "checkpoints")).LoadLatest().Rejected);
        Assert.False(File.Exists(Path.Combine(run, "results.json")));
    }

    [Fact]
    public async Task Missing_data_names_the_install_command()
    {
        var empty = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(_cache, ["run", "--dataset-path", empty, "--threads", "1", "--output", HostRun.NewTemporaryFolder()]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("apt-get install dataset-fashion-mnist", result.Error);
        AutoLrChild.AssertNoStackTrace(result.Error);
    }
}
