using System.Text.Json.Nodes;
using AutoLR.Experiments;
using AutoLR.Settings.Grids;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Metrics;

namespace AutoLR.Integration.Host;

/// <summary>A finished run leaves config.json, trace.jsonl, metrics.jsonl, report.md and checkpoints in its own directory.</summary>
public class RunDirectoryTests
{
    [Fact]
    public async Task Finished_run_leaves_every_file()
    {
        var catalog = new JobCatalog().Register("finetune", () => new FakeTrainingJob());
        var result = await HostRun.RunAsync(["finetune", "--epochs", "2"], catalog);
        Assert.True(result.ExitCode == 0, result.Error);
        var run = Assert.Single(result.RunFolders);
        Assert.Matches(@"^\d{8}-\d{6}-finetune-[0-9a-f]{6}$", Path.GetFileName(run));
        Assert.Contains($"results in {run}", result.Out);

        Assert.Equal(2, RunConfigFile.Read(run).Integer("Epochs"));

        var trace = File.ReadAllLines(Path.Combine(run, "trace.jsonl"));
        Assert.Equal(2, trace.Length);
        var line = JsonNode.Parse(trace[0])!.AsObject();
        foreach (var key in new[] { "epoch", "trial", "layers", "lrs", "variations", "sortingQuality", "threshold", "accepted", "targets", "nextLrs", "events", "trainLoss", "seconds" })
            Assert.True(line.ContainsKey(key), $"trace line lacks {key}");

        var metrics = MetricsFile.Read(Path.Combine(run, "metrics.jsonl"));
        Assert.Equal([1, 2], metrics.Select(m => m.Epoch));
        Assert.Equal(0.5, metrics[0].RecallAtK[1]);
        Assert.Equal(2, metrics[0].Lrs.Count);

        var report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("# Fake training", report);
        Assert.Contains("| R@1 | R@2 |", report);
        Assert.Contains("`AutoLR:Epochs` | 2", report);

        var checkpoints = Directory.GetFiles(Path.Combine(run, "checkpoints"));
        Assert.Equal(2, checkpoints.Length);
        Assert.All(checkpoints, c => Assert.EndsWith(".ckpt", c));
    }

    [Fact]
    public async Task Command_without_a_job_exits_3_and_creates_nothing()
    {
        var result = await HostRun.RunAsync(["run"]);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("not wired", result.Error);
        Assert.Empty(result.RunFolders);
    }

    [Fact]
    public async Task Failing_job_exits_1_with_its_message()
    {
        var catalog = new JobCatalog().Register("prune", _ => throw new InvalidDataException("data set is empty"));
        var result = await HostRun.RunAsync(["prune"], catalog);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("data set is empty", result.Error);
    }

    [Fact]
    public async Task Job_runs_on_a_dedicated_thread()
    {
        bool? pooled = null;
        string? name = null;
        var catalog = new JobCatalog().Register("finetune", _ =>
        {
            pooled = Thread.CurrentThread.IsThreadPoolThread;
            name = Thread.CurrentThread.Name;
            return JobResult.Completed();
        });
        var result = await HostRun.RunAsync(["finetune"], catalog);
        Assert.Equal(0, result.ExitCode);
        Assert.False(pooled);
        Assert.Equal("autolr-finetune", name);
    }

    [Fact]
    public async Task Sweep_hands_its_grid_to_the_job_and_stores_it()
    {
        IReadOnlyList<SweepAxis>? grid = null;
        var catalog = new JobCatalog().Register("sweep", context =>
        {
            grid = context.Grid;
            return JobResult.Completed();
        });
        var result = await HostRun.RunAsync(["sweep", "--grid", "alpha=1,2;schedule=autolr,single"], catalog);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.NotNull(grid);
        Assert.Equal(["Alpha", "Schedule"], grid.Select(a => a.Setting.Name));
        Assert.Equal(["1", "2"], grid[0].Values);
        Assert.Equal("alpha=1,2;schedule=autolr,single", RunConfigFile.Read(Assert.Single(result.RunFolders)).Grid);
    }

    [Fact]
    public async Task Unusable_output_folder_fails_with_a_message()
    {
        var blocker = Path.Combine(HostRun.NewTemporaryFolder(), "file");
        File.WriteAllText(blocker, "");
        var catalog = new JobCatalog().Register("finetune", _ => JobResult.Completed());
        var result = await HostRun.RunAsync(["finetune", "--output", Path.Combine(blocker, "runs")], catalog);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot prepare the run directory", result.Error);
    }
}
