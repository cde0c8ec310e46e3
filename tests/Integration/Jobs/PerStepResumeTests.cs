using AutoLR.Integration.Host;

namespace AutoLR.Integration.Jobs;

/// <summary>An uninterrupted L-DoG fine-tune, whose step sizes depend on every step before.</summary>
public sealed class UninterruptedDogFineTune() : UninterruptedRun(Arguments)
{
    public static readonly string[] Arguments =
        ["finetune", "--schedule", "l-dog", "--image-size", "32", "--images-per-class", "16", "--batch-size", "8", "--threads", "1", "--epochs", "3"];
}

/// <summary>
/// Exact resume of a schedule with state across steps: L-DoG's running maximum distance and sum of squared gradients
/// go into the checkpoint, so a run stopped in epoch 2 and resumed ends as the uninterrupted one.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class PerStepResumeTests(UninterruptedDogFineTune reference) : IClassFixture<UninterruptedDogFineTune>
{
    [Fact]
    public async Task An_l_dog_run_stopped_mid_epoch_and_resumed_equals_the_uninterrupted_run()
    {
        var output = HostRun.NewTemporaryFolder();
        using (var child = WatchedChild.Start(AutoLrChild.StartInfo(reference.Cache, [.. reference.Args, "--output", output])))
        {
            // The progress line of epoch 2's first batch comes after epoch 1's checkpoint: the child is inside epoch 2.
            await child.WaitForLineAsync(line => line.Contains(", epoch 2/3:"), "reached epoch 2");
            await child.SignalAsync("TERM");
            var exit = await child.WaitForExitAsync("exit after SIGTERM");
            Assert.True(exit == 0, $"exit {exit}: {child.Error}");
        }

        var run = AutoLrChild.RunFolder(output);
        Assert.False(File.Exists(Path.Combine(run, "results.json")), "the run finished instead of stopping");
        var resumed = await AutoLrChild.RunAsync(reference.Cache, ["finetune", "--resume", run, "--threads", "1"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        ResumeJobTests.AssertSameRun(reference.Run, run);
    }
}
