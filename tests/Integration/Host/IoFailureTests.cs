using AutoLR.Experiments;
using AutoLR.Runs.Checkpoints;

namespace AutoLR.Integration.Host;

/// <summary>
/// An expected I/O failure while a job runs (a full disk, a read-only folder, a path that is not what it should be)
/// ends with exit code 1 and one message naming the file and how to continue, never a .NET stack trace.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class IoFailureTests
{
    [Fact]
    public async Task A_checkpoint_that_cannot_be_written_is_one_message_without_a_stack_trace()
    {
        // A file where the checkpoints folder belongs: the write fails with the system's IOException, as on a full disk.
        var catalog = new JobCatalog().Register("finetune", context =>
        {
            File.WriteAllText(context.Run.Checkpoints.Folder, "in the way");
            context.Run.Checkpoints.Save("epoch-1", new Checkpoint().SetJson(CheckpointEntries.Position, new LoopPosition("finetune", 1, 1, 0)));
            return JobResult.Completed();
        });
        var result = await HostRun.RunAsync(["finetune"], catalog, logToError: true);
        Assert.True(result.ExitCode == 1, result.Error);
        var run = Assert.Single(result.RunFolders);
        Assert.Contains("checkpoints", result.Error);
        Assert.Contains($"then continue with: autolr finetune --resume {run}", result.Error);
        Jobs.AutoLrChild.AssertNoStackTrace(result.Error);
    }
}
