using System.Diagnostics;

namespace AutoLR.Integration.Host;

/// <summary>
/// An argument that starts with '@' is a value like any other: autolr never replaces it by the lines of the file it
/// names (System.CommandLine's response files are off), so a typed or queued value cannot make it read, echo or block
/// on a file it was not asked to read as an input.
/// </summary>
public class ResponseFileTests
{
    [Fact]
    public async Task An_at_argument_is_not_read_as_a_response_file()
    {
        var secret = Path.Combine(HostRun.NewTemporaryFolder(), "secret");
        await File.WriteAllTextAsync(secret, "--epochs\nroot:SECRET-LINE\n");

        var result = await HostRun.RunAsync(["finetune", "--schedule", "@" + secret]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"@{secret}", result.Error);
        Assert.DoesNotContain("SECRET-LINE", result.Error + result.Out);
    }

    [Fact]
    public async Task An_at_argument_naming_a_FIFO_does_not_block()
    {
        var fifo = Path.Combine(HostRun.NewTemporaryFolder(), "fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync();
        Assert.True(File.Exists(fifo));

        var run = HostRun.RunAsync(["finetune", "--schedule", "@" + fifo]);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.Same(run, finished);
        Assert.Equal(2, (await run).ExitCode);
    }
}
