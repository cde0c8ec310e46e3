using System.Text.Json.Nodes;
using AutoLR.Experiments;
using AutoLR.Settings;
using AutoLR.Torch.Devices;
using AutoLR.Torch.Weights;

namespace AutoLR.Integration.Host;

/// <summary>
/// <c>--strided-projection</c> is part of the experiment, as <c>--threads</c> is: <c>auto</c> is recorded as the path
/// it chose on this machine, a resume keeps the stored path, and a run stored before the setting existed ran direct.
/// What <c>auto</c> chooses depends on the CPU, so the expectations are computed from this CPU's CPUID.
/// </summary>
public class StridedProjectionSettingTests
{
    private static async Task<(HostResult Result, RunSettings? Settings)> Capture(params string[] args)
    {
        RunSettings? seen = null;
        var catalog = new JobCatalog().Register("finetune", context =>
        {
            seen = context.Settings;
            return JobResult.Completed();
        });
        return (await HostRun.RunAsync(args, catalog), seen);
    }

    /// <summary>Settings validation asks only that the weights file exists; the stub job never reads it.</summary>
    private static string AWeightsFile()
    {
        var file = Path.Combine(HostRun.NewTemporaryFolder(), "weights.safetensors");
        File.WriteAllText(file, "");
        return file;
    }

    private static string AutoHere(string backbone) => StridedProjections.Name(
        StridedProjections.ForThisMachine(PretrainedBackbones.Find(backbone).Spec().StridedProjectionChannels, onCpu: true));

    [Theory]
    [InlineData("cntk-resnet18")]
    [InlineData("resnet50")]
    public async Task Auto_is_recorded_as_the_path_it_chose(string backbone)
    {
        var (result, settings) = await Capture("finetune", "--backbone", backbone, "--weights", backbone == "cntk-resnet18" ? "" : AWeightsFile());
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(AutoHere(backbone), settings!.Get(DeviceSettings.StridedProjectionPath));
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Assert.Single(result.RunFolders), "config.json")))!;
        Assert.Equal(AutoHere(backbone), config["AutoLR"]!["StridedProjection"]!.GetValue<string>());
    }

    [Fact]
    public void On_a_GPU_auto_is_the_direct_path()
    {
        // Resolved from the settings alone: a CPU build refuses a CUDA device before it would run (CudaOnCpuBuildTests).
        var onGpu = RunSettings.Defaults.With(DeviceSettings.Device, "cuda:0").With(BackboneSettings.Backbone, "resnet50");
        Assert.Equal("direct", SettingsBinding.Resolve(onGpu.Values).Get(DeviceSettings.StridedProjectionPath));
    }

    [Fact]
    public async Task An_unknown_path_exits_2_naming_the_choices()
    {
        var (result, _) = await Capture("finetune", "--strided-projection", "strided");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--strided-projection", result.Error);
        Assert.Contains("auto, direct, subsampled", result.Error);
        Assert.Empty(result.RunFolders);
    }

    [Fact]
    public async Task A_resume_keeps_the_stored_path_and_a_run_stored_before_the_setting_ran_direct()
    {
        var (first, _) = await Capture("finetune", "--strided-projection", "subsampled");
        var run = Assert.Single(first.RunFolders);
        var (resumed, settings) = await Capture("finetune", "--resume", run);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal("subsampled", settings!.Get(DeviceSettings.StridedProjectionPath));

        var conflict = await Capture("finetune", "--resume", run, "--strided-projection", "direct");
        Assert.Equal(2, conflict.Result.ExitCode);
        Assert.Contains("--strided-projection direct conflicts with AutoLR:StridedProjection = subsampled", conflict.Result.Error);

        // A config.json written before the setting existed lacks it: that run computed its projections directly.
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!;
        config["AutoLR"]!.AsObject().Remove("StridedProjection");
        File.WriteAllText(Path.Combine(run, "config.json"), config.ToJsonString());
        var (old, oldSettings) = await Capture("finetune", "--resume", run);
        Assert.True(old.ExitCode == 0, old.Error);
        Assert.Equal("direct", oldSettings!.Get(DeviceSettings.StridedProjectionPath));
    }
}
