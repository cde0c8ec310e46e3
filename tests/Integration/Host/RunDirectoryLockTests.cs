using System.Diagnostics;
using AutoLR.Runs;

namespace AutoLR.Integration.Host;

/// <summary>
/// One process at a time owns a run directory: a second `autolr --resume` of a running run exits 1 naming the owner's
/// process id and touches nothing; once the owner is killed with SIGKILL the directory is free at once, with no cleanup.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class RunDirectoryLockTests
{
    [Fact]
    public async Task A_second_process_is_refused_while_the_first_runs_and_a_killed_owner_leaves_no_stale_lock()
    {
        var output = HostRun.NewTemporaryFolder();
        using var owner = Process.Start(FakeAutoLr(["finetune", "--epochs", "1000", "--output", output]))!;
        var ownerError = owner.StandardError.ReadToEndAsync();
        _ = owner.StandardOutput.ReadToEndAsync();
        try
        {
            var run = await FirstEpochWritten(output, owner, ownerError);

            var second = await RunToEnd(FakeAutoLr(["finetune", "--resume", run]));
            Assert.True(second.ExitCode == 1, second.ToString());
            Assert.Contains($"{run} is in use by process {owner.Id}", second.Error);
            Assert.Contains(RunDirectoryLock.FileName, second.Error);
            Assert.Equal(owner.Id, Assert.Throws<RunDirectoryInUseException>(() => RunDirectoryLock.Acquire(run)).Holder);

            owner.Kill();
            await owner.WaitForExitAsync();
            using var free = RunDirectoryLock.Acquire(run);
        }
        finally
        {
            if (!owner.HasExited) owner.Kill();
        }
    }

    /// <summary>This test assembly as `autolr`, with its test-only long job behind `finetune` (<see cref="TestHostProgram"/>).</summary>
    private static ProcessStartInfo FakeAutoLr(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(TestHostProgram).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AUTOLR", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        return start;
    }

    private static async Task<string> FirstEpochWritten(string output, Process owner, Task<string> ownerError)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = Directory.GetDirectories(output).FirstOrDefault(d =>
                File.Exists(Path.Combine(d, "trace.jsonl")) && new FileInfo(Path.Combine(d, "trace.jsonl")).Length > 0);
            if (run is not null) return run;
            if (owner.HasExited) Assert.Fail($"the owner exited early ({owner.ExitCode}): {await ownerError}");
            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task<Jobs.ChildResult> RunToEnd(ProcessStartInfo start)
    {
        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill();
            Assert.Fail("the second process did not stop within 60 s: it ran the job in a directory another process owns");
        }
        return new Jobs.ChildResult(child.ExitCode, await stdout, await stderr);
    }
}
