using System.Diagnostics;
using AutoLR.Experiments;
using AutoLR.Runs.Checkpoints;

namespace AutoLR.Integration.Host;

/// <summary>
/// What a stopped or killed run leaves for its resume: a `resume with:` line that pastes back into a shell as the
/// same path, whatever characters the path holds, and no temporary files of interrupted checkpoint writes.
/// </summary>
public class ResumeHygieneTests
{
    private static readonly JobCatalog StopsAfterOneEpoch = new JobCatalog().Register("finetune", context =>
    {
        context.Run.Checkpoints.Save("epoch-1", new Checkpoint().SetJson(CheckpointEntries.Position, new LoopPosition("finetune", 1, 1, 0)));
        return JobResult.Stopped;
    });

    [Theory]
    [InlineData("runs with space")]
    [InlineData("cost $HOME `date`")]
    [InlineData("it's *here*")]
    public async Task The_resume_line_is_shell_quoted(string folderName)
    {
        var output = Path.Combine(HostRun.NewTemporaryFolder(), folderName);
        var result = await HostRun.RunAsync(["finetune"], StopsAfterOneEpoch, outputFolder: output);
        Assert.Equal(0, result.ExitCode);
        var run = Assert.Single(result.RunFolders);
        var line = result.Out.Split('\n').Single(l => l.Contains("resume with: "));
        var pasted = line[(line.IndexOf("resume with: ", StringComparison.Ordinal) + "resume with: ".Length)..].TrimEnd('\r');

        // What a shell makes of the pasted command: its last argument must be the run directory, byte for byte.
        var shell = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add($"set -- {pasted}; printf %s \"${{@: -1}}\"");
        using var bash = Process.Start(shell)!;
        var lastArgument = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.Equal(run, lastArgument);
    }

    [Fact]
    public async Task Resume_removes_the_temporary_files_of_interrupted_writes()
    {
        var result = await HostRun.RunAsync(["finetune"], StopsAfterOneEpoch);
        var run = Assert.Single(result.RunFolders);
        var leftovers = new[]
        {
            Path.Combine(run, "checkpoints", $"{DurableFile.TemporaryPrefix}000002-epoch-2.ckpt-0123456789abcdef"),
            Path.Combine(run, $"{DurableFile.TemporaryPrefix}results.json-0123456789abcdef"),
        };
        foreach (var file in leftovers) File.WriteAllBytes(file, [1, 2, 3]);

        var resumed = await HostRun.RunAsync(["finetune", "--resume", run], new JobCatalog().Register("finetune", _ => JobResult.Completed()));
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.All(leftovers, file => Assert.False(File.Exists(file), $"{file} is still there"));
        Assert.Single(Directory.GetFiles(Path.Combine(run, "checkpoints")));
    }
}
