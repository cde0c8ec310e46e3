using System.Diagnostics;

namespace AutoLR.Integration.Tool;

/// <summary>Steps that build and run what a user would (pack, install, a script), each bounded by a deadline.</summary>
internal static class ChildStep
{
    /// <summary>Packing and building take minutes on two loaded cores, so the bound is longer than WatchedChild's.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);

    /// <summary>Runs a step to its end and returns its standard output; a failed or overdue step fails the test.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, params (string Name, string Value)[] variables)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in variables) start.Environment[name] = value;
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AUTOLR__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        var step = $"{program} {string.Join(' ', start.ArgumentList)}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{step}` did not finish within {Deadline}.");
        }
        Assert.True(process.ExitCode == 0, $"`{step}` exited {process.ExitCode}\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        return await stdout;
    }
}
