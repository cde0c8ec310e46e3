using AutoLR.Algorithms;
using AutoLR.Integration.Host;
using AutoLR.RunFormat.Trace;

namespace AutoLR.Integration.Jobs;

/// <summary>
/// A finite loss far above the chance loss (issue 10, case 6: `--base-lr 1` reached 5.9e21 and exited 0) is a
/// divergence: a baseline stops with exit 1, AutoLR treats the trial as it treats NaN.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class ExplosionJobTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task A_finite_loss_explosion_stops_a_single_LR_fine_tune_as_divergence()
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(_cache, ["finetune", "--schedule", "single", .. AutoLrChild.Tiny, "--epochs", "1", "--base-lr", "1", "--output", output]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("diverged in epoch 1", result.Error);
        Assert.Contains("100 × ln 5 classes", result.Error);
        AutoLrChild.AssertNoStackTrace(result.Error);
        Assert.False(File.Exists(Path.Combine(AutoLrChild.RunFolder(output), "results.json")));
    }

    [Fact]
    public async Task A_finite_loss_explosion_is_a_divergence_AutoLR_backs_off_from_and_never_keeps()
    {
        var output = HostRun.NewTemporaryFolder();
        await AutoLrChild.RunAsync(_cache, ["finetune", "--schedule", "autolr", .. AutoLrChild.Tiny, "--epochs", "1", "--base-lr", "1", "--output", output]);
        var trials = TraceFile.Read(Path.Combine(AutoLrChild.RunFolder(output), "trace.jsonl"));
        var ceiling = DivergencePolicy.explosionFactor * DivergencePolicy.chanceLoss(5);
        Assert.Contains(trials, t => double.IsFinite(t.TrainLoss) && t.TrainLoss > ceiling && t.Events.Contains("divergence"));
        Assert.DoesNotContain(trials, t => t.Accepted && t.TrainLoss > ceiling);
    }
}
