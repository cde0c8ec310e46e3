using AutoLR.Integration.Fixtures;
using AutoLR.Integration.Host;

namespace AutoLR.Integration.Jobs;

/// <summary>
/// A new run that fails on a bad input before it recorded any work leaves no run directory behind (one with only its
/// config.json would look like a run to whoever lists the folder); a run that recorded work keeps its directory.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class NoEmptyRunDirectoryTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task Truncated_weights_fail_the_run_and_leave_no_directory()
    {
        var weights = Path.Combine(HostRun.NewTemporaryFolder(), "truncated.safetensors");
        var whole = await File.ReadAllBytesAsync(Path.Combine(RunDirectories83155b5.In("finetune-single"), "weights.safetensors"));
        await File.WriteAllBytesAsync(weights, whole[..(whole.Length / 2)]);
        var output = HostRun.NewTemporaryFolder();

        var run = await AutoLrChild.RunAsync(_cache, ["finetune", "--backbone", "resnet18", "--weights", weights, .. AutoLrChild.Tiny, "--output", output]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(weights, run.Error);
        Assert.Contains("no run directory was left", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(output));
        AutoLrChild.AssertNoStackTrace(run.Error);
    }
}
