using System.Diagnostics;
using AutoLR.Runs.Checkpoints;

namespace AutoLR.Integration.Host;

/// <summary>
/// SIGTERM, SIGINT or SIGHUP to a real child `autolr` process running a long job: the job stops at a batch boundary, checkpoints,
/// and the process exits 0, printing how to resume.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class SignalTests
{
    [Theory]
    [InlineData("TERM")] // systemd, docker stop, kill
    [InlineData("INT")]  // Ctrl-C
    [InlineData("HUP")]  // the terminal closed, the ssh connection dropped
    public async Task Stop_signal_stops_the_job_with_a_checkpoint_and_a_resume_line(string signal)
    {
        var output = HostRun.NewTemporaryFolder();
        // Through `env --default-signal=INT,HUP`: a shell that starts a job in the background (`cmd &`, as CI runners may)
        // sets SIGINT to ignored, and `nohup` sets SIGHUP to ignored; children inherit both, so without the reset the
        // child would rightly ignore Ctrl-C, or a closed terminal.
        var start = new ProcessStartInfo("env");
        // This test assembly doubles as an `autolr` with a test-only long job behind `finetune` (TestHostProgram).
        foreach (var arg in new[] { "--default-signal=INT,HUP", "dotnet", typeof(TestHostProgram).Assembly.Location, "finetune", "--epochs", "1000", "--output", output })
            start.ArgumentList.Add(arg);
        using var child = WatchedChild.Start(start);

        // The progress line of epoch 2's first batch comes after epoch 1's trace line and checkpoint: the job is mid-training.
        await child.WaitForLineAsync(line => line.Contains("epoch 2/1000:"), "reached epoch 2");
        var run = Assert.Single(Directory.GetDirectories(output));

        await child.SignalAsync(signal);
        var exit = await child.WaitForExitAsync($"stop after SIG{signal}");

        Assert.True(exit == 0, $"exit {exit}: {child.Error}");
        Assert.Contains($"resume with: autolr finetune --resume {run}", child.Out);
        var load = new CheckpointStore(Path.Combine(run, "checkpoints")).LoadLatest();
        Assert.NotNull(load.Checkpoint);
        Assert.Contains("stopped", load.File);
        // It stopped at a batch boundary, long before the 1000 epochs it was asked for (they take over 8 minutes, so a
        // job that ignored the signal would fail the deadline first).
        Assert.InRange(load.Checkpoint.GetJson<LoopPosition>(CheckpointEntries.Position).Epoch, 2, 999);
    }
}
