using AutoLR.Experiments;

namespace AutoLR.Integration.Host;

/// <summary>A libtorch error (a tensor shape that does not fit) ends as its one-line message, without pages of C++ frames.</summary>
[Trait(Tier.Name, Tier.Full)]
public class NativeErrorTests
{
    [Fact]
    public async Task A_libtorch_shape_error_is_one_line_without_native_frames()
    {
        var catalog = new JobCatalog().Register("finetune", _ =>
        {
            using var six = TorchSharp.torch.ones(2, 3);
            using var four = six.reshape(4);
            return JobResult.Completed();
        });
        var result = await HostRun.RunAsync(["finetune"], catalog, logToError: true);
        Assert.True(result.ExitCode == 1, result.Error);
        // The job failed before it recorded anything, so its run directory is not left behind, and the message says so.
        Assert.Contains("libtorch: shape '[4]' is invalid for input of size 6 (no run directory was left: nothing had been recorded)", result.Error);
        Assert.DoesNotContain("frame #", result.Error);
        Assert.DoesNotContain("Exception raised from", result.Error);
        Jobs.AutoLrChild.AssertNoStackTrace(result.Error);
    }
}
