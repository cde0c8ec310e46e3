using System.Text.Json.Nodes;
using AutoLR.Integration.Host;
using AutoLR.Integration.Jobs;

namespace AutoLR.Integration.Queue;

/// <summary>The weights cache (converted ResNet-18) shared by the queue tests, made once.</summary>
public sealed class QueueCache
{
    public string Folder { get; } = HostRun.NewTemporaryFolder();
}

/// <summary>
/// The worker as an operator runs it (issue 15): a background process on a queue folder, killed with kill -9 in the
/// middle of a job and started again; two workers on one queue. Every wait is for a line or an exit, bounded by
/// <see cref="WatchedChild.Deadline"/>.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class QueueWorkerTests(QueueCache cache) : IClassFixture<QueueCache>
{
    /// <summary>Two epochs, so a kill in the second epoch leaves a checkpoint to resume from.</summary>
    private static string[] TinyJob(int seed) =>
        ["finetune", "--schedule", "autolr", .. AutoLrChild.Tiny, "--epochs", "2", "--seed", seed.ToString()];

    [Fact]
    public async Task A_worker_killed_during_the_second_job_and_restarted_finishes_all_three_exactly_as_direct_runs()
    {
        var queue = HostRun.NewTemporaryFolder();
        var jobs = new List<string>();
        foreach (var seed in new[] { 1, 2, 3 }) jobs.Add(await QueueOperator.EnqueueAsync(cache.Folder, queue, TinyJob(seed)));
        Assert.Equal(jobs, QueueOperator.Jobs(queue, "pending"));

        using (var worker = QueueOperator.StartWorker(cache.Folder, queue))
        {
            // The progress line of the second job's second epoch comes after its first epoch's checkpoint.
            await worker.WaitForLineAsync(line => line.StartsWith($"[{jobs[1]}]") && line.Contains(", epoch 2/2:"), "reached epoch 2 of the second job");
            await worker.SignalAsync("KILL");
            await worker.WaitForExitAsync("die of kill -9");
        }
        Assert.Equal([jobs[0]], QueueOperator.Jobs(queue, "done"));
        Assert.Equal([jobs[1]], QueueOperator.Jobs(queue, "running"));

        // Meanwhile an operator enqueues a bad job: refused at once, nothing written.
        var refused = await AutoLrChild.RunAsync(cache.Folder, ["enqueue", "--queue", queue, "finetune", "--alpha", "-1"]);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("--alpha = -1", refused.Error);
        Assert.Equal([jobs[2]], QueueOperator.Jobs(queue, "pending"));

        var status = await AutoLrChild.RunAsync(cache.Folder, ["queue", "status", queue]);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("running (1)", status.Out);
        Assert.Contains("epoch 1/2 done", status.Out);
        Assert.Contains("its worker ended", status.Out);

        using (var restarted = QueueOperator.StartWorker(cache.Folder, queue))
        {
            var exit = await restarted.WaitForExitAsync("finish the queue");
            Assert.True(exit == 0, restarted.Error);
            Assert.Contains($"Job {jobs[1]} adopted", restarted.Error);
            Assert.Contains("--resume", restarted.Error);
            AutoLrChild.AssertNoStackTrace(restarted.Error);
        }
        Assert.Equal(jobs, QueueOperator.Jobs(queue, "done"));
        Assert.Empty(QueueOperator.Jobs(queue, "running"));
        Assert.Empty(QueueOperator.Jobs(queue, "failed"));

        for (var i = 0; i < jobs.Count; i++)
        {
            var direct = HostRun.NewTemporaryFolder();
            var run = await AutoLrChild.RunAsync(cache.Folder, [.. TinyJob(i + 1), "--output", direct]);
            Assert.True(run.ExitCode == 0, run.ToString());
            AssertSameRun(AutoLrChild.RunFolder(direct), RunDirectoryOf(queue, jobs[i]));
        }
    }

    [Fact]
    public async Task Two_workers_on_one_queue_finish_four_jobs_and_run_none_twice()
    {
        var queue = HostRun.NewTemporaryFolder();
        var jobs = new List<string>();
        foreach (var seed in new[] { 1, 2, 3, 4 })
            jobs.Add(await QueueOperator.EnqueueAsync(cache.Folder, queue, ["finetune", "--schedule", "single", .. AutoLrChild.Tiny, "--epochs", "1", "--seed", seed.ToString()]));

        using var first = QueueOperator.StartWorker(cache.Folder, queue);
        using var second = QueueOperator.StartWorker(cache.Folder, queue);
        Assert.Equal(0, await first.WaitForExitAsync("finish the queue"));
        Assert.Equal(0, await second.WaitForExitAsync("finish the queue"));

        Assert.Equal(jobs, QueueOperator.Jobs(queue, "done"));
        var claimed = QueueOperator.Claimed(first).Concat(QueueOperator.Claimed(second)).Order().ToList();
        Assert.Equal(jobs, claimed);
        // One run directory per job: no job was started twice.
        foreach (var job in jobs) Assert.Single(Directory.GetDirectories(Path.Combine(queue, "runs", job)));
    }

    [Fact]
    public async Task SIGTERM_stops_the_job_at_a_checkpoint_leaves_it_running_and_the_next_worker_finishes_it()
    {
        var queue = HostRun.NewTemporaryFolder();
        var job = await QueueOperator.EnqueueAsync(cache.Folder, queue, TinyJob(5));
        using (var worker = QueueOperator.StartWorker(cache.Folder, queue))
        {
            await worker.WaitForLineAsync(line => line.StartsWith($"[{job}]") && line.Contains(", epoch 2/2:"), "reached epoch 2");
            await worker.SignalAsync("TERM");
            Assert.Equal(0, await worker.WaitForExitAsync("stop after SIGTERM"));
            Assert.Contains($"Job {job} stopped at a safe point", worker.Error);
        }
        Assert.Equal([job], QueueOperator.Jobs(queue, "running"));

        using var restarted = QueueOperator.StartWorker(cache.Folder, queue);
        Assert.Equal(0, await restarted.WaitForExitAsync("finish the queue"));
        Assert.Equal([job], QueueOperator.Jobs(queue, "done"));
    }

    [Fact]
    public async Task A_job_killed_by_a_native_SIGFPE_is_recorded_as_failed_naming_the_signal_and_the_next_job_runs()
    {
        var queue = HostRun.NewTemporaryFolder();
        var doomed = await QueueOperator.EnqueueAsync(cache.Folder, queue, TinyJob(7));
        var next = await QueueOperator.EnqueueAsync(cache.Folder, queue, ["finetune", "--schedule", "single", .. AutoLrChild.Tiny, "--epochs", "1"]);

        var start = AutoLrChild.StartInfo(cache.Folder, ["worker", "--queue", queue, "--until-empty"]);
        // Only the first job reaches a second epoch, and only job processes are armed, not the worker that echoes them.
        start.Environment[TestHostProgram.NativeFaultVariable] = ", epoch 2/2:";
        start.Environment[TestHostProgram.NativeFaultScopeVariable] = "jobs";
        using var worker = WatchedChild.Start(start);
        Assert.Equal(0, await worker.WaitForExitAsync("finish the queue"));

        Assert.Equal([doomed], QueueOperator.Jobs(queue, "failed"));
        Assert.Equal([next], QueueOperator.Jobs(queue, "done"));
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(queue, "failed", doomed + ".json")))!;
        Assert.Equal(128 + 8, record["exitCode"]!.GetValue<int>());
        var error = record["error"]!.GetValue<string>();
        Assert.Contains($"job {doomed} (autolr finetune) was killed by SIGFPE", error);
        Assert.Contains("--strided-projection subsampled", error);
        var run = record["runDirectory"]!.GetValue<string>();
        Assert.Contains($"autolr finetune --resume {run}", error);
        Assert.Contains($"Job {doomed} failed: job {doomed} (autolr finetune) was killed by SIGFPE", worker.Error);
        AutoLrChild.AssertNoStackTrace(worker.Error);

        // What the message says to do works: the checkpoint of epoch 1 resumes to a finished run.
        var resumed = await AutoLrChild.RunAsync(cache.Folder, ["finetune", "--resume", run]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.True(File.Exists(Path.Combine(run, "results.json")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_job_is_set_aside_in_failed_with_the_reason()
    {
        var queue = HostRun.NewTemporaryFolder();
        Directory.CreateDirectory(Path.Combine(queue, "pending"));
        await File.WriteAllTextAsync(Path.Combine(queue, "pending", "by-hand.json"), """{ "command": "train" }""");

        using var worker = QueueOperator.StartWorker(cache.Folder, queue);
        Assert.Equal(0, await worker.WaitForExitAsync("finish the queue"));
        Assert.Equal(["by-hand"], QueueOperator.Jobs(queue, "failed"));
        Assert.Contains("is not a job file", worker.Error);
        AutoLrChild.AssertNoStackTrace(worker.Error);
    }

    private static string RunDirectoryOf(string queue, string job)
    {
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(queue, "done", job + ".json")))!;
        var run = record["runDirectory"]!.GetValue<string>();
        Assert.Equal(AutoLrChild.RunFolder(Path.Combine(queue, "runs", job)), run);
        return run;
    }

    private static void AssertSameRun(string expected, string actual)
    {
        Assert.Equal(AutoLrChild.Sha256(Path.Combine(expected, "weights.safetensors")), AutoLrChild.Sha256(Path.Combine(actual, "weights.safetensors")));
        Assert.Equal(AutoLrChild.WithoutSeconds(Path.Combine(expected, "trace.jsonl")), AutoLrChild.WithoutSeconds(Path.Combine(actual, "trace.jsonl")));
        Assert.Equal(AutoLrChild.WithoutSeconds(Path.Combine(expected, "metrics.jsonl")), AutoLrChild.WithoutSeconds(Path.Combine(actual, "metrics.jsonl")));
        Assert.Equal(File.ReadAllText(Path.Combine(expected, "results.json")), File.ReadAllText(Path.Combine(actual, "results.json")));
    }
}
