using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AutoLR.Integration.Host;
using AutoLR.Integration.Slurm;

namespace AutoLR.Integration.Tooling;

/// <summary>
/// The test command cannot hide a crashed test host: scripts/run-tests.sh (what scripts/test.sh and CI run) is pointed
/// at a scratch xunit project whose host dies of a native SIGFPE in its second test, and must count the tests that
/// never ran as failed, name the test that was running, and exit non-zero.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public partial class TestAccountingTests
{
    private static readonly TimeSpan StepDeadline = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_crashed_test_host_is_a_red_run_that_counts_the_tests_it_never_ran()
    {
        var project = HostRun.NewTemporaryFolder();
        WriteScratchProject(project);
        var (built, buildOutput) = await RunAsync("dotnet", ["build", project, "-c", "Release", "-nologo", "-v", "quiet"]);
        Assert.True(built == 0, buildOutput.ToString());

        var (exit, output) = await RunAsync("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "run-tests.sh"), project]);

        Assert.True(exit != 0, output.ToString());
        Assert.Contains("crashed while running Doomed.Crashes_the_host_on_first_run", output.Out);
        var summary = SummaryLine().Match(output.Out.TrimEnd().Split('\n')[^1]);
        Assert.True(summary.Success, $"the last line is not the summary:\n{output}");
        var (passed, failed) = (int.Parse(summary.Groups[1].Value), int.Parse(summary.Groups[2].Value));
        // Four tests: the survivor may run before the crash; the crashed one and the two after it never report.
        Assert.Equal(4, passed + failed);
        Assert.True(failed >= 3, output.ToString());
        Assert.Contains("never ran", output.Out);
    }

    /// <summary>
    /// One passing test and a theory of three whose first case divides by zero in libc (a hardware SIGFPE, as
    /// libtorch raises it) after a second, so the runner has reported its start. Package versions are the solution's.
    /// </summary>
    private static void WriteScratchProject(string folder)
    {
        var versions = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Packages.props"))
            .Descendants("PackageVersion").ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        var references = string.Join("\n", new[] { "Microsoft.NET.Test.Sdk", "xunit", "xunit.runner.visualstudio" }
            .Select(name => $"""    <PackageReference Include="{name}" Version="{versions[name]}" />"""));
        File.WriteAllText(Path.Combine(folder, "ScratchCrash.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Tests.cs"), """
            using System.Runtime.InteropServices;
            using Xunit;
            [assembly: CollectionBehavior(DisableTestParallelization = true)]
            public class Survivors { [Fact] public void Passes() { } }
            public class Doomed
            {
                private static int _started;
                [Theory, InlineData(1), InlineData(2), InlineData(3)]
                public void Crashes_the_host_on_first_run(int n)
                {
                    if (Interlocked.Increment(ref _started) != 1) return;
                    Thread.Sleep(1000);
                    div(n, 0);
                }
                [DllImport("libc")] private static extern long div(int numerator, int denominator);
            }
            """);
    }

    private sealed record Output(string Out, string Error)
    {
        public override string ToString() => $"stdout:\n{Out}\nstderr:\n{Error}";
    }

    private static async Task<(int Exit, Output Output)> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(StepDeadline);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, new Output(await output, await error));
    }

    [GeneratedRegex(@"^(\d+) passed, (\d+) failed$")]
    private static partial Regex SummaryLine();
}
