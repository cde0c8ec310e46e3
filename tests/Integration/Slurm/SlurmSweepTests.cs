using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AutoLR.Integration.Jobs;
using Xunit.Abstractions;

namespace AutoLR.Integration.Slurm;

/// <summary>
/// A tiny sweep (4 cells, 3 epochs, 32 px) as a Slurm job array on a real single-node cluster, forced through a
/// warning signal mid-epoch, an `scontrol requeue`, a preemption, a cancel with `sweep-status --resubmit` and a
/// second submission of the finished sweep; every cell must end bit-identical (weights, trace) to the same cell run
/// here without interruption. Waits are on files and the queue, each with a deadline.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(SlurmClusterCollection.Name)]
public partial class SlurmSweepTests(SlurmCluster cluster, ITestOutputHelper log)
{
    private const string Grid = "alpha=1,2;seed=1,2";
    /// <summary>
/// Eight epochs (about 3 s each on an idle 2-core machine): a cell signalled after its first checkpoint is still
/// training when the signals, the preemption and the cancel land. With three epochs an idle machine finished the cells
/// before the test could requeue them.
/// </summary>
    private static readonly string[] Cell = [.. AutoLrChild.Tiny, "--epochs", "8"];
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private readonly string _cache = AutoLR.Integration.Host.HostRun.NewTemporaryFolder();

    [Fact]
    public async Task Every_cell_survives_warning_requeue_preemption_and_cancel_and_ends_as_if_uninterrupted()
    {
        var clock = Stopwatch.StartNew();

        // The uninterrupted reference, run here one cell after another (this also fills the weights cache the tasks share).
        var local = AutoLR.Integration.Host.HostRun.NewTemporaryFolder();
        var reference = await Autolr(["sweep", "--grid", Grid, .. Cell, "--output", local], TimeSpan.FromMinutes(10));
        Assert.True(reference.ExitCode == 0, reference.ToString());
        var referenceSweep = AutoLrChild.RunFolder(local);
        log.WriteLine($"local reference: {clock.Elapsed.TotalSeconds:F0} s");

        var output = AutoLR.Integration.Host.HostRun.NewTemporaryFolder();
        var submit = await Autolr(["sweep", "--grid", Grid, .. Cell, "--output", output, "--slurm", "--partition", "batch", "--max-parallel", "2"]);
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var job = SubmittedJob().Match(submit.Out).Groups[1].Value;
        var sweep = AutoLrChild.RunFolder(output);
        var cells = Directory.GetDirectories(sweep).Where(d => File.Exists(Path.Combine(d, "config.json"))).Order().ToList();
        Assert.Equal(4, cells.Count);

        // Warning signal to task 0 and a requeue of task 1, each after its first checkpoint, so that both resume.
        await Until(() => HasCheckpoint(cells[0]) && HasCheckpoint(cells[1]) && Running(job, 0) && Running(job, 1), "cells 0 and 1 past their first epoch");
        // scancel keeps retrying the signal once the task is requeued ("try again later"), hence the timeout; the
        // effect is what counts.
        cluster.Shell($"timeout 5 scancel -b --signal=USR2 {job}_0", TimeSpan.FromSeconds(30));
        Run($"timeout 10 scontrol requeue {job}_1");
        await Until(() => LogOf(sweep, job, 0).Contains($"requeueing {job}_0"), "cell 0 to checkpoint and requeue itself on the warning signal");
        await Until(() => LogOf(sweep, job, 1).Contains("DUE TO JOB REQUEUE"), "cell 1 to be requeued");

        // Preemption: an urgent job that needs every CPU of the node requeues whatever batch tasks run.
        await Until(() => cluster.Tasks(job).Count(t => t.Value == "RUNNING") == 2, "two cells running");
        var preempted = cluster.Tasks(job).Where(t => t.Value == "RUNNING").Select(t => t.Key).ToList();
        var urgent = Run("sbatch --parsable -p urgent -c $(nproc) -o /dev/null --wrap 'sleep 1'").Trim();
        await Until(() => preempted.All(c => LogOf(sweep, job, c).Contains("DUE TO PREEMPTION")), "the urgent job to preempt the running cells");
        await Until(() => !Run($"squeue -h -j {urgent} 2>/dev/null").Contains(urgent), "the urgent job to finish");

        // Cancel a training cell, then resubmit exactly the unfinished cells.
        await Until(() => cluster.Tasks(job).Any(t => t.Value == "RUNNING" && TraceLines(sweep, t.Key) > 0), "a cell training to cancel");
        var cancelled = cluster.Tasks(job).First(t => t.Value == "RUNNING" && TraceLines(sweep, t.Key) > 0).Key;
        Run($"timeout 10 scancel {job}_{cancelled}");
        await Until(() => !cluster.Tasks(job).ContainsKey(cancelled), $"cell {cancelled} to leave the queue");
        var status = await Autolr(["sweep-status", "--sweep", sweep, "--resubmit"]);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Matches($@"(?m)^\s*{cancelled}\s+unfinished", status.Out);
        Assert.Contains("resubmitted cells", status.Out);
        log.WriteLine(status.Out);

        await Until(() => cells.All(c => File.Exists(Path.Combine(c, "results.json"))), "every cell to finish");
        log.WriteLine($"all cells finished on Slurm: {clock.Elapsed.TotalSeconds:F0} s");
        foreach (var cell in cells)
        {
            var twin = Path.Combine(referenceSweep, Path.GetFileName(cell));
            Assert.Equal(AutoLrChild.Sha256(Path.Combine(twin, "weights.safetensors")), AutoLrChild.Sha256(Path.Combine(cell, "weights.safetensors")));
            Assert.Equal(AutoLrChild.WithoutSeconds(Path.Combine(twin, "trace.jsonl")), AutoLrChild.WithoutSeconds(Path.Combine(cell, "trace.jsonl")));
        }
        var warned = LogOf(sweep, job, 0);
        var warnedResume = Stamp(warned, @"(\S+) cell 0 \([^)]*\) resumes from its checkpoint, attempt 2") - Stamp(warned, @"(\S+) cell 0 stopped on the warning signal");
        log.WriteLine($"cell 0, warning signal: requeue → resumed training {warnedResume.TotalSeconds:F1} s");
        var requeued = LogOf(sweep, job, 1);
        if (Regex.IsMatch(requeued, @"cell 1 \([^)]*\) resumes from its checkpoint, attempt 2"))
        {
            var requeueResume = Stamp(requeued, @"(\S+) cell 1 \([^)]*\) resumes from its checkpoint, attempt 2") -
                                Stamp(requeued, @"CANCELLED AT (\S+) DUE TO JOB REQUEUE");
            log.WriteLine($"cell 1, scontrol requeue: requeue → resumed training {requeueResume.TotalSeconds:F1} s");
        }

        // A second submission of the finished sweep: every task finds its results and exits at once.
        var again = await Autolr(["sweep", "--resume", sweep, "--slurm"]);
        Assert.True(again.ExitCode == 0, again.ToString());
        var second = SubmittedJob().Match(again.Out).Groups[1].Value;
        var resubmitted = Stopwatch.StartNew();
        await Until(() => cluster.Tasks(second).Count == 0, "the second submission to drain");
        for (var i = 0; i < cells.Count; i++) Assert.Contains("is finished", LogOf(sweep, second, i));
        log.WriteLine($"second submission of the finished sweep drained in {resubmitted.Elapsed.TotalSeconds:F1} s; test {clock.Elapsed.TotalSeconds:F0} s");

        var collect = await Autolr(["sweep-collect", "--sweep", sweep]);
        Assert.True(collect.ExitCode == 0, collect.ToString());
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

    private string Run(string command)
    {
        var (code, output) = cluster.Shell(command, TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"`{command}` failed (exit {code}): {output}");
        return output;
    }

    private static bool HasCheckpoint(string cell) =>
        Directory.Exists(Path.Combine(cell, "checkpoints")) && Directory.EnumerateFiles(Path.Combine(cell, "checkpoints"), "*.ckpt").Any();

    private bool Running(string job, int task) => cluster.Tasks(job).GetValueOrDefault(task) == "RUNNING";

    private static int TraceLines(string sweep, int cell)
    {
        var trace = Path.Combine(Directory.GetDirectories(sweep).Where(d => File.Exists(Path.Combine(d, "config.json"))).Order().ElementAt(cell), "trace.jsonl");
        return File.Exists(trace) ? File.ReadAllLines(trace).Length : 0;
    }

    private static string LogOf(string sweep, string job, int task)
    {
        var file = Path.Combine(sweep, "slurm", $"{job}_{task}.log");
        return File.Exists(file) ? File.ReadAllText(file) : "";
    }

    private static DateTimeOffset Stamp(string text, string pattern) =>
        DateTimeOffset.Parse(Regex.Match(text, pattern).Groups[1].Value, CultureInfo.InvariantCulture);

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > Deadline) throw new TimeoutException($"Waited {Deadline.TotalMinutes} min for {what}.");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"as Slurm job (\d+)")]
    private static partial Regex SubmittedJob();
}
