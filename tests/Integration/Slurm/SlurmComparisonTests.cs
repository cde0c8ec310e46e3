using System.Diagnostics;
using System.Text.RegularExpressions;
using AutoLR.Experiments.Comparison;
using AutoLR.Integration.Host;
using AutoLR.Integration.Jobs;
using AutoLR.RunFormat.Comparisons;
using Xunit.Abstractions;

namespace AutoLR.Integration.Slurm;

/// <summary>
/// A tiny comparison (single LR, seeds 1 and 2, the depth searched per seed) as Slurm job arrays on the real
/// single-node cluster: the pruning searches as one array, the method cells as a second that waits for it; a method
/// cell gets the warning signal mid-way and requeues itself. Every cell must end as in the same comparison run here,
/// compare-status and compare-collect must say so, and a second submission of the finished comparison submits nothing.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(SlurmClusterCollection.Name)]
public partial class SlurmComparisonTests(SlurmCluster cluster, ITestOutputHelper log)
{
    private static readonly string[] Comparison =
        ["compare", "--schedules", "single", "--seeds", "1,2", .. AutoLrChild.Tiny, "--epochs", "3", "--max-pruning-depth", "1"];
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(6);
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task The_cells_run_as_dependent_arrays_survive_the_warning_signal_and_end_as_if_run_here()
    {
        var clock = Stopwatch.StartNew();
        var local = HostRun.NewTemporaryFolder();
        var reference = await Autolr([.. Comparison, "--output", local], TimeSpan.FromMinutes(10));
        Assert.True(reference.ExitCode == 0, reference.ToString());
        log.WriteLine($"local reference: {clock.Elapsed.TotalSeconds:F0} s");

        var output = HostRun.NewTemporaryFolder();
        var submit = await Autolr([.. Comparison, "--output", output, "--slurm", "--partition", "batch", "--max-parallel", "2"]);
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var jobs = SubmittedJobs().Match(submit.Out);
        Assert.True(jobs.Success, submit.Out);
        var (searches, methods) = (jobs.Groups[1].Value, jobs.Groups[2].Value);
        var run = AutoLrChild.RunFolder(output);
        var folder = ComparisonFolder.Open(run);
        Assert.Equal(["seed1/pruning-search", "seed2/pruning-search", "seed1/single", "seed2/single"], folder.Cells.Select(c => c.Folder));

        // The method array waits for the searches; its first task (cell 2) gets the warning signal after a checkpoint.
        await Until(() => folder.IsFinished(folder.Cells[0]) && folder.IsFinished(folder.Cells[1]), "both pruning searches to finish");
        await Until(() => folder.HasCheckpoint(folder.Cells[2]) && cluster.Tasks(methods).GetValueOrDefault(0) == "RUNNING", "cell 2 past its first epoch");
        cluster.Shell($"timeout 5 scancel -b --signal=USR2 {methods}_0", TimeSpan.FromSeconds(30));
        await Until(() => LogOf(run, methods, 0).Contains($"requeueing {methods}_0"), "cell 2 to checkpoint and requeue itself on the warning signal");
        await Until(() => folder.Cells.All(folder.IsFinished), "every cell to finish");
        log.WriteLine($"all cells finished on Slurm: {clock.Elapsed.TotalSeconds:F0} s");
        Assert.Matches(@"cell 2 \(seed1/single\) resumes from its checkpoint, attempt 2", LogOf(run, methods, 0));
        Assert.Contains("cell 0 (seed1/pruning-search) starts", LogOf(run, searches, 0));

        var referenceRun = AutoLrChild.RunFolder(local);
        foreach (var cell in folder.Cells)
        {
            var (expected, actual) = (ComparisonCellFile.Read(Path.Combine(referenceRun, cell.Folder, "cell.json")), folder.Record(cell));
            Assert.Equal((expected.Depth, expected.ChosenPoint), (actual.Depth, actual.ChosenPoint));
            Assert.Equal(expected.TestRecallAtK, actual.TestRecallAtK);
            Assert.Equal(expected.Stages.Select(s => s.ValidationRecallAtK?[1]), actual.Stages.Select(s => s.ValidationRecallAtK?[1]));
            if (!cell.IsSearch)
                Assert.Equal(AutoLrChild.WithoutSeconds(Path.Combine(referenceRun, cell.Folder, "final", "trace.jsonl")),
                    AutoLrChild.WithoutSeconds(Path.Combine(folder.CellFolder(cell), "final", "trace.jsonl")));
        }

        var status = await Autolr(["compare-status", "--comparison", run]);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("4 finished, 0 queued, 0 unfinished of 4 cells", status.Out);
        var collect = await Autolr(["compare-collect", "--comparison", run]);
        Assert.True(collect.ExitCode == 0, collect.ToString());
        Assert.Contains("## Pruning depth per seed", File.ReadAllText(Path.Combine(run, "report.md")));
        var again = await Autolr(["compare", "--resume", run, "--slurm"]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("nothing submitted", again.Out);
        log.WriteLine($"test {clock.Elapsed.TotalSeconds:F0} s");
    }

    private async Task<ChildResult> Autolr(string[] args, TimeSpan? timeout = null)
    {
        var start = AutoLrChild.StartInfo(_cache, args);
        start.Environment["SLURM_CONF"] = cluster.Conf;
        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        await child.WaitForExitAsync(deadline.Token);
        return new ChildResult(child.ExitCode, await stdout, await stderr);
    }

    private static string LogOf(string run, string job, int task)
    {
        var file = Path.Combine(run, "slurm", $"{job}_{task}.log");
        return File.Exists(file) ? File.ReadAllText(file) : "";
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > Deadline) throw new TimeoutException($"Waited {Deadline.TotalMinutes} min for {what}.");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"as Slurm job (\d+), (\d+)")]
    private static partial Regex SubmittedJobs();
}
