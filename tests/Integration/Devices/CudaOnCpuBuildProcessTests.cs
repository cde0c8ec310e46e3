using AutoLR.Integration.Host;
using AutoLR.Integration.Jobs;
using AutoLR.Torch.Devices;

namespace AutoLR.Integration.Devices;

/// <summary>
/// What an operator sees who runs the CPU build on a GPU: the real `autolr` process, with its real logging, prints
/// exactly one line on stderr and nothing on stdout, exits 2, and creates neither its output folder nor a run directory
/// (<see cref="CudaOnCpuBuildTests"/> holds the cases in-process).
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class CudaOnCpuBuildProcessTests
{
    [Fact]
    public async Task Finetune_on_cuda_exits_2_with_one_line_and_leaves_nothing()
    {
        var output = Path.Combine(HostRun.NewTemporaryFolder(), "x");
        var run = await AutoLrChild.RunAsync(HostRun.NewTemporaryFolder(), "finetune", "--device", "cuda", "--epochs", "1", "--output", output);
        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(TorchBackend.CudaLibTorchPackage, line);
        Assert.Contains("-p:TorchBackend=cuda", line);
        Assert.Equal("", run.Out);
        Assert.False(Directory.Exists(output));
    }
}
