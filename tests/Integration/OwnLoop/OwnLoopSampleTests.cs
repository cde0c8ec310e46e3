using AutoLR.Integration.Host;
using AutoLR.Integration.Jobs;
using AutoLR.Integration.Slurm;
using AutoLR.Integration.Tool;

namespace AutoLR.Integration.OwnLoop;

/// <summary>samples/OwnLoop, built by scripts/sample.sh against the packed packages, is AutoLR as the command line runs it.</summary>
[Trait(Tier.Name, Tier.Full)]
public class OwnLoopSampleTests
{
    /// <summary>
    /// The sample and <c>autolr finetune --schedule autolr --epochs 1</c>, given the same data, seed, batch size, base LR
    /// and one thread, write the same trace: every trial's LRs, variations, sorting quality, targets, events and loss.
    /// Exact equality holds because both run the same operations in the same order on one machine with one thread
    /// (the packed library is the same code); only the wall-clock seconds differ, and those are left out.
    /// </summary>
    [Fact]
    public async Task The_sample_writes_the_trace_of_autolr_finetune()
    {
        var cache = HostRun.NewTemporaryFolder();
        var output = HostRun.NewTemporaryFolder();
        string[] same = ["--seed", "1", "--base-lr", "0.01", "--image-size", "32", "--images-per-class", "12", "--batch-size", "8", "--threads", "1"];
        var cli = await AutoLrChild.RunAsync(cache, ["finetune", "--schedule", "autolr", "--epochs", "1", .. same, "--output", output]);
        Assert.True(cli.ExitCode == 0, cli.ToString());

        var sampleTrace = Path.Combine(HostRun.NewTemporaryFolder(), "trace.jsonl");
        var root = RepositoryRoot.Path;
        var printed = await ChildStep.RunAsync("bash", [Path.Combine(root, "scripts", "sample.sh"), "--epochs", "1", .. same, "--trace", sampleTrace],
            root, ("AUTOLR_CACHE_DIR", cache));

        Assert.Contains("epoch 1: trial", printed);
        var expected = AutoLrChild.WithoutSeconds(Path.Combine(AutoLrChild.RunFolder(output), "trace.jsonl"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, AutoLrChild.WithoutSeconds(sampleTrace));
    }
}
