using AutoLR.Runs.Checkpoints;
using AutoLR.Integration.Host;

namespace AutoLR.Integration.Jobs;

/// <summary>An uninterrupted run of <see cref="Args"/>, the reference the interrupted and resumed runs must equal.</summary>
public abstract class UninterruptedRun(string[] args) : IAsyncLifetime
{
    public string[] Args { get; } = args;
    public string Cache { get; } = HostRun.NewTemporaryFolder();
    public string Run { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(Cache, [.. Args, "--output", output]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Run = AutoLrChild.RunFolder(output);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>An uninterrupted AutoLR fine-tune (full-epoch trials).</summary>
public sealed class UninterruptedFineTune() : UninterruptedRun(Arguments)
{
    public static readonly string[] Arguments =
        ["finetune", "--schedule", "autolr", "--image-size", "32", "--images-per-class", "16", "--batch-size", "8", "--threads", "1", "--epochs", "3"];
}

/// <summary>
/// Exact resume: a run stopped by SIGTERM or killed with SIGKILL mid-epoch and resumed ends with the same weights,
/// trace and metrics (but for wall-clock seconds) as the uninterrupted run; damaged checkpoints are skipped or reported.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class ResumeJobTests(UninterruptedFineTune reference) : IClassFixture<UninterruptedFineTune>
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task Interrupted_mid_epoch_and_resumed_equals_the_uninterrupted_run(string signal)
    {
        var output = HostRun.NewTemporaryFolder();
        using (var child = WatchedChild.Start(AutoLrChild.StartInfo(reference.Cache, [.. reference.Args, "--output", output])))
        {
            // The progress line of epoch 2's first batch comes after epoch 1's checkpoint: the child is inside epoch 2.
            await child.WaitForLineAsync(line => line.Contains(", epoch 2/3:"), "reached epoch 2");
            await child.SignalAsync(signal);
            var exit = await child.WaitForExitAsync($"exit after SIG{signal}");
            if (signal == "TERM")
            {
                Assert.True(exit == 0, $"exit {exit}: {child.Error}");
                Assert.Contains("resume with: autolr finetune --resume", child.Out);
                // It stopped inside epoch 2 instead of finishing the run.
                Assert.False(File.Exists(Path.Combine(AutoLrChild.RunFolder(output), "results.json")), "the run finished instead of stopping");
            }
        }

        var run = AutoLrChild.RunFolder(output);
        Assert.Empty(new CheckpointStore(Path.Combine(run, "checkpoints")).LoadLatest().Rejected);
        var resumed = await AutoLrChild.RunAsync(reference.Cache, ["finetune", "--resume", run, "--threads", "1"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        AssertSameRun(reference.Run, run);
    }

    /// <summary>
    /// A process killed by a native SIGFPE (as libtorch's oneDNN kills it on CPUs whose caches it misreads) prints
    /// nothing and writes nothing more, but the checkpoint of its last whole epoch is intact and the resume is exact.
    /// </summary>
    [Fact]
    public async Task Killed_by_a_native_SIGFPE_mid_epoch_and_resumed_equals_the_uninterrupted_run()
    {
        var output = HostRun.NewTemporaryFolder();
        var start = AutoLrChild.StartInfo(reference.Cache, [.. reference.Args, "--output", output]);
        start.Environment[TestHostProgram.NativeFaultVariable] = ", epoch 2/3:";
        using (var child = WatchedChild.Start(start))
        {
            var exit = await child.WaitForExitAsync("die of SIGFPE in epoch 2");
            Assert.True(exit == 128 + 8, $"exit {exit} (SIGFPE is 128 + 8): {child.Error}");
            Assert.Contains(", epoch 2/3:", child.Out + child.Error);
        }

        var run = AutoLrChild.RunFolder(output);
        Assert.False(File.Exists(Path.Combine(run, "results.json")), "the run finished instead of dying in epoch 2");
        Assert.Empty(new CheckpointStore(Path.Combine(run, "checkpoints")).LoadLatest().Rejected);
        var resumed = await AutoLrChild.RunAsync(reference.Cache, ["finetune", "--resume", run, "--threads", "1"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        AssertSameRun(reference.Run, run);
    }

    [Fact]
    public async Task A_damaged_newest_checkpoint_is_skipped_and_all_damaged_fail_clearly()
    {
        var run = CopyOf(reference.Run);
        var checkpoints = Directory.GetFiles(Path.Combine(run, "checkpoints"), "*.ckpt").Order().ToArray();
        Assert.Equal(2, checkpoints.Length);
        Damage(checkpoints[^1]);

        // The older checkpoint is the end of epoch 2: the resumed run trains epoch 3 again and ends where the original did.
        var resumed = await AutoLrChild.RunAsync(reference.Cache, ["finetune", "--resume", run, "--threads", "1"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("damaged", resumed.Error);
        AssertSameRun(reference.Run, run);

        foreach (var file in Directory.GetFiles(Path.Combine(run, "checkpoints"), "*.ckpt")) Damage(file);
        var failed = await AutoLrChild.RunAsync(reference.Cache, ["finetune", "--resume", run, "--threads", "1"]);
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("every checkpoint", failed.Error);
    }

    internal static void AssertSameRun(string expected, string actual)
    {
        Assert.Equal(AutoLrChild.Sha256(Path.Combine(expected, "weights.safetensors")), AutoLrChild.Sha256(Path.Combine(actual, "weights.safetensors")));
        Assert.Equal(AutoLrChild.WithoutSeconds(Path.Combine(expected, "trace.jsonl")), AutoLrChild.WithoutSeconds(Path.Combine(actual, "trace.jsonl")));
        Assert.Equal(AutoLrChild.WithoutSeconds(Path.Combine(expected, "metrics.jsonl")), AutoLrChild.WithoutSeconds(Path.Combine(actual, "metrics.jsonl")));
        Assert.Equal(File.ReadAllText(Path.Combine(expected, "results.json")), File.ReadAllText(Path.Combine(actual, "results.json")));
        Assert.Equal(TensorBoardEvents.Values(Path.Combine(expected, "tensorboard")), TensorBoardEvents.Values(Path.Combine(actual, "tensorboard")));
    }

    private static string CopyOf(string run)
    {
        var copy = Path.Combine(HostRun.NewTemporaryFolder(), Path.GetFileName(run));
        foreach (var file in Directory.GetFiles(run, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(run, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    /// <summary>Cuts the last byte off (a torn write); unlike flipping a byte, doing it twice does not repair the file.</summary>
    private static void Damage(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.SetLength(stream.Length - 1);
    }
}
