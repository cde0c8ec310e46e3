using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AutoLR.Queue;
using AutoLR.Integration.Host;

namespace AutoLR.Integration.Jobs;

/// <summary>The result of one child `autolr` process.</summary>
public sealed record ChildResult(int ExitCode, string Out, string Error)
{
    /// <summary>The exit (with the signal named when one killed the child, as the worker names it), then its output.</summary>
    public override string ToString() =>
        $"{(ChildExit.Signal(ExitCode) is null ? $"exit {ExitCode}" : ChildExit.Describe("the child autolr", ExitCode, resume: null))}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// Runs the real `autolr` (this test assembly's entry point with every real job, <see cref="TestHostProgram"/>) as a
/// child process on tiny Fashion-MNIST, so that signals, kill -9 and torch's process-wide state are a process's own.
/// Each caller passes its own cache folder (AUTOLR_CACHE_DIR) for the converted ResNet-18.
/// </summary>
public static partial class AutoLrChild
{
    /// <summary>A few seconds per fine-tune on 2 cores: 32 px, 12 images per class, one thread (deterministic sums).</summary>
    public static readonly string[] Tiny = ["--image-size", "32", "--images-per-class", "12", "--batch-size", "8", "--threads", "1"];

    public static ProcessStartInfo StartInfo(string cacheFolder, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(TestHostProgram).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment[TestHostProgram.RealJobsVariable] = "1";
        start.Environment["AUTOLR_CACHE_DIR"] = cacheFolder;
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AUTOLR__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        return start;
    }

    /// <summary>Runs the child to its end; a child still running at <see cref="WatchedChild.Deadline"/> fails the test and is killed.</summary>
    public static async Task<ChildResult> RunAsync(string cacheFolder, params string[] args)
    {
        using var child = WatchedChild.Start(StartInfo(cacheFolder, args));
        var exit = await child.WaitForExitAsync($"finish `autolr {string.Join(' ', args)}`");
        return new ChildResult(exit, child.Out, child.Error);
    }

    /// <summary>The one run directory under <paramref name="output"/>.</summary>
    public static string RunFolder(string output) => Assert.Single(Directory.GetDirectories(output));

    public static string Sha256(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));

    /// <summary>A JSON-lines file without its wall-clock <c>seconds</c> fields, which differ between runs.</summary>
    public static string WithoutSeconds(string file) => SecondsField().Replace(File.ReadAllText(file), "");

    [GeneratedRegex("\"seconds\":[-0-9.eE+]+,?")]
    private static partial Regex SecondsField();

    /// <summary>A stack trace in output means an expected failure was not turned into a message.</summary>
    public static void AssertNoStackTrace(string text) => Assert.DoesNotMatch(@"\n\s+at [A-Za-z]", text);
}
