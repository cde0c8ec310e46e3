using System.Text.Json.Nodes;
using AutoLR.Experiments;
using AutoLR.Runs.Checkpoints;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Metrics;
using AutoLR.Algorithms;
using AutoLR.Torch.Devices;
using AutoLR.Torch.Training;

namespace AutoLR.Integration.Host;

/// <summary>`--resume RUN_DIR` reloads the stored settings and newest checkpoint; conflicting switches are rejected.</summary>
public class ResumeTests
{
    private static async Task<string> StoppedRun()
    {
        // A job that trains one epoch, checkpoints, then stops as if SIGTERM had arrived.
        var catalog = new JobCatalog().Register("finetune", context =>
        {
            context.Run.Checkpoints.Save("epoch-1", new Checkpoint().SetJson(CheckpointEntries.Position, new LoopPosition("finetune", 1, 1, 0)));
            return JobResult.Stopped;
        });
        var result = await HostRun.RunAsync(["finetune", "--alpha", "3", "--epochs", "4"], catalog);
        Assert.Equal(0, result.ExitCode);
        var run = Assert.Single(result.RunFolders);
        Assert.Contains($"resume with: autolr finetune --resume {run}", result.Out);
        return run;
    }

    [Fact]
    public async Task Resume_reloads_settings_and_checkpoint()
    {
        var run = await StoppedRun();
        // The run was started on a GPU server and is continued here: --device is the one switch a resume may change.
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!;
        config["AutoLR"]!["Device"] = "cuda:1";
        File.WriteAllText(Path.Combine(run, "config.json"), config.ToJsonString());
        RunContext? seen = null;
        var catalog = new JobCatalog().Register("finetune", context =>
        {
            seen = context;
            return JobResult.Completed();
        });
        // Environment variables other than the overridable ones are ignored on resume: the stored alpha stays.
        var result = await HostRun.RunAsync(["finetune", "--resume", run, "--device", "cpu", "--alpha", "3.0"], catalog,
            environment: new Dictionary<string, string> { ["AUTOLR__ALPHA"] = "9" });
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.NotNull(seen);
        Assert.True(seen.IsResumed);
        Assert.Equal(run, seen.Run.Path);
        Assert.Equal(3, seen.Settings.Get(ControllerSettings.alpha));
        Assert.Equal(4, seen.Settings.Get(TrainingSettings.Epochs));
        Assert.Equal("cpu", seen.Settings.Get(DeviceSettings.Device));
        Assert.Equal(1, seen.ResumeFrom!.GetJson<LoopPosition>(CheckpointEntries.Position).Epoch);
        Assert.Contains("AUTOLR__ALPHA is ignored", result.Error);
    }

    [Fact]
    public async Task Conflicting_switch_on_resume_exits_2()
    {
        var run = await StoppedRun();
        var result = await HostRun.RunAsync(["finetune", "--resume", run, "--alpha", "2"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--alpha 2 conflicts with AutoLR:Alpha = 3", result.Error);
    }

    [Fact]
    public async Task The_default_thread_count_is_recorded_as_this_machines_core_count()
    {
        var run = await StoppedRun();
        Assert.Equal(Environment.ProcessorCount, RunConfigFile.Read(run).Integer("Threads"));
    }

    [Fact]
    public async Task Resume_with_another_thread_count_exits_2_naming_the_stored_count()
    {
        // Another thread count sums in another order and ends with other weights (issue 10, case 2): not the same experiment.
        var run = await StoppedRun();
        var other = Environment.ProcessorCount + 1;
        var result = await HostRun.RunAsync(["finetune", "--resume", run, "--threads", other.ToString()]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--threads {other} conflicts with AutoLR:Threads = {Environment.ProcessorCount}", result.Error);
    }

    [Fact]
    public async Task Resume_with_another_command_exits_2()
    {
        var run = await StoppedRun();
        var result = await HostRun.RunAsync(["prune", "--resume", run]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("autolr finetune --resume", result.Error);
    }

    [Fact]
    public async Task Fake_training_resumes_after_its_checkpointed_epoch()
    {
        var run = await StoppedRun();
        var catalog = new JobCatalog().Register("finetune", () => new FakeTrainingJob(batchesPerEpoch: 2, batchMilliseconds: 1));
        var result = await HostRun.RunAsync(["finetune", "--resume", run], catalog);
        Assert.Equal(0, result.ExitCode);
        var epochs = MetricsFile.Read(Path.Combine(run, "metrics.jsonl")).Select(m => m.Epoch);
        Assert.Equal([2, 3, 4], epochs);
    }

    [Fact]
    public async Task Resume_with_only_damaged_checkpoints_fails_naming_them()
    {
        var run = await StoppedRun();
        var checkpoint = Assert.Single(Directory.GetFiles(Path.Combine(run, "checkpoints")));
        File.WriteAllBytes(checkpoint, File.ReadAllBytes(checkpoint)[..^3]);
        var ran = false;
        var catalog = new JobCatalog().Register("finetune", _ =>
        {
            ran = true;
            return JobResult.Completed();
        });
        var result = await HostRun.RunAsync(["finetune", "--resume", run], catalog);
        Assert.Equal(1, result.ExitCode);
        Assert.False(ran);
        Assert.Contains("every checkpoint", result.Error);
        Assert.Contains(Path.GetFileName(checkpoint) + ": it is truncated", result.Error);
    }
}
