using System.Diagnostics;
using System.Text.Json.Nodes;
using AutoLR.Integration.Host;
using AutoLR.Integration.Jobs;

namespace AutoLR.Integration.Queue;

/// <summary>
/// A job file is whatever someone with write access to the queue put there. The worker reads only regular files of
/// bounded size, checks every job exactly as `autolr enqueue` does before it runs it, sets a bad one aside in failed/
/// with the reason, and goes on with the next; `queue status` neither blocks nor prints a stack trace.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait(Tier.Name, Tier.Full)]
public class UntrustedJobFileTests(QueueCache cache) : IClassFixture<QueueCache>
{
    private static readonly string[] GoodJob = ["finetune", "--schedule", "single", .. AutoLrChild.Tiny, "--epochs", "1"];

    [Fact]
    public async Task Bad_job_files_are_set_aside_with_their_reasons_and_the_good_job_behind_them_runs()
    {
        var queue = HostRun.NewTemporaryFolder();
        var pending = Directory.CreateDirectory(Path.Combine(queue, "pending")).FullName;
        var running = Directory.CreateDirectory(Path.Combine(queue, "running")).FullName;
        var secret = Path.Combine(HostRun.NewTemporaryFolder(), "secret");
        await File.WriteAllTextAsync(secret, "SECRET-LINE\n");
        var here = HostRun.NewTemporaryFolder();
        // Names sort before any enqueued job's, so the worker meets them first.
        WriteJob(pending, "20000101-000000-0000001-null", "finetune", ["--schedule", null], here);
        WriteJob(pending, "20000101-000000-0000002-slurm", "sweep", ["--grid", "alpha=1,2", "--slurm", "--partition", "gpu"], here);
        WriteJob(pending, "20000101-000000-0000003-nowhere", "finetune", ["--schedule", "single"], Path.Combine(here, "gone"));
        WriteJob(pending, "20000101-000000-0000004-at", "finetune", ["--schedule", "@" + secret], here);
        WriteJob(pending, "20000101-000000-0000005-worker", "worker", ["--queue", queue], here);
        MakeFifo(Path.Combine(pending, "20000101-000000-0000006-fifo.json"));
        File.CreateSymbolicLink(Path.Combine(pending, "20000101-000000-0000007-link.json"), secret);
        // A job placed in running/ by hand is adopted (no worker holds its lock), so it is checked too.
        WriteJob(running, "20000101-000000-0000000-adopted", "finetune", ["--alpha", "-1"], here);
        var good = await QueueOperator.EnqueueAsync(cache.Folder, queue, GoodJob);

        // Status reads every file without blocking on the FIFO and without a stack trace.
        var status = await AutoLrChild.RunAsync(cache.Folder, ["queue", "status", queue]);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("FIFO (named pipe), not a regular file", status.Out);
        AutoLrChild.AssertNoStackTrace(status.Out + status.Error);

        using var worker = QueueOperator.StartWorker(cache.Folder, queue);
        Assert.Equal(0, await worker.WaitForExitAsync("set the bad jobs aside and finish the good one"));
        AutoLrChild.AssertNoStackTrace(worker.Error);

        Assert.Equal([good], QueueOperator.Jobs(queue, "done"));
        Assert.Empty(QueueOperator.Jobs(queue, "pending"));
        Assert.Empty(QueueOperator.Jobs(queue, "running"));
        Assert.Equal(9 - 1, QueueOperator.Jobs(queue, "failed").Count);
        Assert.Contains("its arguments hold a null", worker.Error);
        Assert.Contains("is a FIFO (named pipe), not a regular file", worker.Error);
        Assert.Contains("is a symbolic link", worker.Error);
        Assert.Contains("takes no --slurm", Error(queue, "20000101-000000-0000002-slurm"));
        Assert.Contains("does not exist", Error(queue, "20000101-000000-0000003-nowhere"));
        Assert.Contains("'worker'", Error(queue, "20000101-000000-0000005-worker"));
        Assert.Contains("--alpha = -1", Error(queue, "20000101-000000-0000000-adopted"));
        var at = Error(queue, "20000101-000000-0000004-at");
        Assert.Contains($"@{secret}", at);
        Assert.DoesNotContain("SECRET-LINE", at + worker.Error);
        foreach (var refused in new[] { "slurm", "nowhere", "at", "worker", "adopted" })
            Assert.Equal(2, Record(queue, QueueOperator.Jobs(queue, "failed").Single(j => j.EndsWith(refused, StringComparison.Ordinal)))["exitCode"]!.GetValue<int>());
        // Nothing of the refused jobs ran: the only run directory is the good job's.
        Assert.Equal([good], Directory.GetDirectories(Path.Combine(queue, "runs")).Select(Path.GetFileName));

        var after = await AutoLrChild.RunAsync(cache.Folder, ["queue", "status", queue]);
        Assert.True(after.ExitCode == 0, after.ToString());
        AutoLrChild.AssertNoStackTrace(after.Out + after.Error);
    }

    [Fact]
    public async Task The_run_directory_is_recorded_exactly_when_the_queue_path_holds_a_newline_and_a_status_line()
    {
        var queue = Path.Combine(HostRun.NewTemporaryFolder(), "q\nautolr finetune: finished; results in /elsewhere");
        var job = await QueueOperator.EnqueueAsync(cache.Folder, queue, GoodJob);

        using var worker = QueueOperator.StartWorker(cache.Folder, queue);
        Assert.Equal(0, await worker.WaitForExitAsync("finish the job"));

        Assert.Equal([job], QueueOperator.Jobs(queue, "done"));
        var run = Record(queue, job, "done")["runDirectory"]!.GetValue<string>();
        Assert.Equal(AutoLrChild.RunFolder(Path.Combine(queue, "runs", job)), run);
        Assert.True(File.Exists(Path.Combine(run, "results.json")));
    }

    [Fact]
    public async Task A_worker_refuses_a_queue_every_user_may_write_to()
    {
        var queue = HostRun.NewTemporaryFolder();
        var pending = Directory.CreateDirectory(Path.Combine(queue, "pending")).FullName;
        File.SetUnixFileMode(pending, File.GetUnixFileMode(pending) | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);

        using var worker = QueueOperator.StartWorker(cache.Folder, queue);

        Assert.Equal(1, await worker.WaitForExitAsync("refuse the queue"));
        Assert.Contains($"{pending} is writable by every user", worker.Error);
    }

    [Fact]
    public async Task Folders_the_worker_creates_are_its_user_s_alone()
    {
        var queue = Path.Combine(HostRun.NewTemporaryFolder(), "new-queue");

        using var worker = QueueOperator.StartWorker(cache.Folder, queue);
        Assert.Equal(0, await worker.WaitForExitAsync("find the new queue empty"));

        foreach (var folder in new[] { queue, Path.Combine(queue, "pending"), Path.Combine(queue, "runs") })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    private static void WriteJob(string folder, string name, string command, string?[] arguments, string workingDirectory) =>
        File.WriteAllText(Path.Combine(folder, name + ".json"), new JsonObject
        {
            ["command"] = command,
            ["arguments"] = new JsonArray([.. arguments.Select(a => (JsonNode?)a)]),
            ["workingDirectory"] = workingDirectory,
            ["enqueued"] = "2000-01-01T00:00:00+00:00",
        }.ToJsonString());

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static JsonNode Record(string queue, string job, string state = "failed") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(queue, state, job + ".json")))!;

    private static string Error(string queue, string job) => Record(queue, job)["error"]!.GetValue<string>();
}
