using System.Text.Json.Nodes;
using AutoLR.Experiments;
using AutoLR.Integration.Host;
using AutoLR.Runs.Checkpoints;
using AutoLR.Torch.Devices;

namespace AutoLR.Integration.Devices;

/// <summary>
/// A CUDA device on the CPU build (the default, which these tests are built as) is a configuration error found while
/// the settings are checked: one line that names the key as it was given, the package a CUDA build references and the
/// build switch that references it; exit code 2; no job, no run directory, no output folder. A worker asked for a
/// GPU refuses before it touches its queue.
/// </summary>
public class CudaOnCpuBuildTests
{
    public static TheoryData<string> CudaDevices => ["cuda", "cuda:0", "cuda:3"];

    /// <summary>A catalog whose job records that it ran: the refusal must come before any job.</summary>
    private static (JobCatalog Catalog, Func<bool> Ran) Recording()
    {
        var ran = false;
        return (new JobCatalog().Register("finetune", _ =>
        {
            ran = true;
            return JobResult.Completed();
        }), () => ran);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static void AssertRefusal(string error, string named, bool resumed = false)
    {
        // A resume also notes the variables it ignores (the test host sets AUTOLR__OUTPUT).
        var line = Assert.Single(Lines(error), l => !resumed || !l.StartsWith("autolr: note: ", StringComparison.Ordinal));
        Assert.StartsWith("autolr: configuration error: ", line);
        Assert.Contains(named, line);
        Assert.Contains(TorchBackend.CudaLibTorchPackage, line);
        Assert.Contains("-p:TorchBackend=cuda", line);
    }

    [Fact]
    public void These_tests_are_built_with_the_cpu_libtorch()
    {
        Assert.Equal("cpu", TorchBackend.Name);
        Assert.Equal("libtorch-cpu-linux-x64", TorchBackend.LibTorchPackage);
        Assert.Null(TorchBackend.CannotRun("cpu"));
    }

    [Theory]
    [MemberData(nameof(CudaDevices))]
    public async Task A_cuda_device_is_refused_in_one_line_naming_the_package_and_the_switch_and_nothing_is_created(string device)
    {
        var (catalog, ran) = Recording();
        var output = Path.Combine(HostRun.NewTemporaryFolder(), "runs");
        var result = await HostRun.RunAsync(["finetune", "--device", device, "--epochs", "1", "--output", output], catalog, outputFolder: output);
        Assert.Equal(2, result.ExitCode);
        AssertRefusal(result.Error, $"--device = '{device}'");
        Assert.Equal("", result.Out);
        Assert.False(ran());
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_cuda_device_from_the_environment_is_named_as_it_was_given()
    {
        var (catalog, ran) = Recording();
        var result = await HostRun.RunAsync(["finetune"], catalog, environment: new Dictionary<string, string> { ["AUTOLR__DEVICE"] = "cuda:1" });
        Assert.Equal(2, result.ExitCode);
        AssertRefusal(result.Error, "AUTOLR__DEVICE = 'cuda:1'");
        Assert.False(ran());
        Assert.Empty(result.RunFolders);
    }

    [Fact]
    public async Task A_run_stored_on_a_gpu_resumes_here_only_with_device_cpu()
    {
        var stopping = new JobCatalog().Register("finetune", context =>
        {
            context.Run.Checkpoints.Save("epoch-1", new Checkpoint().SetJson(CheckpointEntries.Position, new LoopPosition("finetune", 1, 1, 0)));
            return JobResult.Stopped;
        });
        var run = Assert.Single((await HostRun.RunAsync(["finetune", "--epochs", "2"], stopping)).RunFolders);
        var configFile = Path.Combine(run, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(configFile))!;
        config["AutoLR"]!["Device"] = "cuda";
        File.WriteAllText(configFile, config.ToJsonString());

        var (catalog, ran) = Recording();
        var refused = await HostRun.RunAsync(["finetune", "--resume", run], catalog);
        Assert.Equal(2, refused.ExitCode);
        AssertRefusal(refused.Error, $"AutoLR:Device in {configFile} = 'cuda'", resumed: true);
        Assert.False(ran());

        var resumed = await HostRun.RunAsync(["finetune", "--resume", run, "--device", "cpu"], catalog);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.True(ran());
    }

    [Fact]
    public async Task A_worker_asked_for_a_gpu_refuses_before_it_makes_its_queue()
    {
        var queue = Path.Combine(HostRun.NewTemporaryFolder(), "queue");
        var result = await HostRun.RunAsync(["worker", "--queue", queue, "--device", "cuda:0", "--until-empty"]);
        Assert.Equal(2, result.ExitCode);
        AssertRefusal(result.Error, "--device = 'cuda:0'");
        Assert.False(Directory.Exists(queue));
    }

    [Fact]
    public void Opening_a_cuda_device_on_the_cpu_build_names_the_package_and_the_switch()
    {
        // What a caller of the Torch layer that skipped the command line's check meets (Experiment.Open).
        var failure = Assert.Throws<ArgumentException>(() => DeviceSetting.Parse("cuda:0"));
        Assert.Contains(TorchBackend.CudaLibTorchPackage, failure.Message);
        Assert.Contains("-p:TorchBackend=cuda", failure.Message);
    }
}
