using System.Diagnostics;
using AutoLR.Host.Checkpoints;

namespace AutoLR.Integration.Host;

/// <summary>
/// SIGTERM or SIGINT to a real child `autolr` process running a long job: the job stops at a batch boundary, checkpoints,
/// and the process exits 0 within seconds, printing how to resume.
/// </summary>
public class SignalTests
{
    [Theory]
    [InlineData("TERM")] // systemd, docker stop, kill
    [InlineData("INT")]  // Ctrl-C
    public async Task Stop_signal_stops_the_job_with_a_checkpoint_and_a_resume_line(string signal)
    {
        var output = HostRun.NewTemporaryFolder();
        // Through `env --default-signal=INT`: a shell that starts a job in the background (`cmd &`, as CI runners may)
        // sets SIGINT to ignored, and children inherit that, so without the reset the child would rightly ignore Ctrl-C.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // This test assembly doubles as an `autolr` with a test-only long job behind `finetune` (TestHostProgram).
        foreach (var arg in new[] { "--default-signal=INT", "dotnet", typeof(TestHostProgram).Assembly.Location, "finetune", "--epochs", "1000", "--output", output })
            start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();

        // Wait until the job has finished its first epoch (its trace line is written), so it is mid-training.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? run = null;
        while (DateTime.UtcNow < deadline && run is null)
        {
            await Task.Delay(100);
            run = Directory.GetDirectories(output).FirstOrDefault(d =>
                File.Exists(Path.Combine(d, "trace.jsonl")) && new FileInfo(Path.Combine(d, "trace.jsonl")).Length > 0);
            if (child.HasExited) Assert.Fail($"child exited early ({child.ExitCode}): {await stderr}");
        }
        Assert.NotNull(run);

        using (var kill = Process.Start("kill", ["-" + signal, child.Id.ToString()])) await kill.WaitForExitAsync();
        var stopwatch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await child.WaitForExitAsync(timeout.Token);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.True(child.ExitCode == 0, $"exit {child.ExitCode}: {await stderr}");
        Assert.Contains($"resume with: autolr finetune --resume {run}", await stdout);
        var load = new CheckpointStore(Path.Combine(run, "checkpoints")).LoadLatest();
        Assert.NotNull(load.Checkpoint);
        Assert.Contains("stopped", load.File);
        Assert.True(load.Checkpoint.GetJson<LoopPosition>(CheckpointEntries.Position).Epoch >= 2);
    }
}
