using AutoLR.Integration.Host;

namespace AutoLR.Integration.Jobs;

/// <summary>An uninterrupted AutoLR fine-tune whose trials are probes of 3 of the epoch's 10 batches.</summary>
public sealed class UninterruptedProbingFineTune() : UninterruptedRun([.. UninterruptedFineTune.Arguments, "--probe-fraction", "0.3"]);

/// <summary>Exact resume with probes (issue 12): a run killed during a probe resumes to the uninterrupted run's result.</summary>
[Trait(Tier.Name, Tier.Full)]
public class ProbeResumeJobTests(UninterruptedProbingFineTune reference) : IClassFixture<UninterruptedProbingFineTune>
{
    [Fact]
    public async Task Killed_during_a_probe_and_resumed_equals_the_uninterrupted_run()
    {
        var output = HostRun.NewTemporaryFolder();
        using (var child = WatchedChild.Start(AutoLrChild.StartInfo(reference.Cache, [.. reference.Args, "--output", output])))
        {
            // Epoch 2's first progress line is its first probe's first batch, after epoch 1's checkpoint.
            await child.WaitForLineAsync(line => line.Contains(", epoch 2/3:"), "reached epoch 2");
            await child.SignalAsync("KILL");
            await child.WaitForExitAsync("exit after SIGKILL");
        }

        var run = AutoLrChild.RunFolder(output);
        var resumed = await AutoLrChild.RunAsync(reference.Cache, ["finetune", "--resume", run, "--threads", "1"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(AutoLrChild.Sha256(Path.Combine(reference.Run, "weights.safetensors")), AutoLrChild.Sha256(Path.Combine(run, "weights.safetensors")));
        var trace = AutoLrChild.WithoutSeconds(Path.Combine(run, "trace.jsonl"));
        Assert.Equal(AutoLrChild.WithoutSeconds(Path.Combine(reference.Run, "trace.jsonl")), trace);
        Assert.Equal(File.ReadAllText(Path.Combine(reference.Run, "results.json")), File.ReadAllText(Path.Combine(run, "results.json")));
        // The trace is a probing one: probes of batches 1–3 of 10 and one completion per epoch.
        Assert.Contains("\"window\":{\"first\":1,\"count\":3,\"epochBatches\":10}", trace);
        Assert.Equal(3, trace.Split('\n').Count(l => l.Contains("\"window\":{\"first\":4,\"count\":7,\"epochBatches\":10}")));
    }
}
