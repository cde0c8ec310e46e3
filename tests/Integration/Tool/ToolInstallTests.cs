using AutoLR.Integration.Host;
using AutoLR.Integration.Jobs;
using AutoLR.Integration.Slurm;

namespace AutoLR.Integration.Tool;

/// <summary>
/// `autolr` as a .NET tool (issue 15): the package `dotnet pack` makes installs with `dotnet tool install` into a
/// tool path and runs a tiny job from the tool store on this Debian 12 — which only works if the package carries the
/// GLIBCXX-patched libLibTorchSharp.so. Packs the already-built Release output (--no-build); the package holds
/// libtorch, so this is the slowest test of the suite (see README: Installing autolr as a .NET tool).
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class ToolInstallTests
{
    [Fact]
    public async Task The_packed_tool_installs_into_a_tool_path_and_runs_a_tiny_job()
    {
        var root = HostRun.NewTemporaryFolder();
        try
        {
            var packages = Path.Combine(root, "packages");
            var tools = Path.Combine(root, "tools");
            var output = Path.Combine(root, "runs");

            // The publish folder the package is made from goes under root too, not into the build output.
            await RunAsync("dotnet", ["pack", HostProject(), "-c", "Release", "--no-build", "-nologo", "-o", packages,
                $"-p:PublishDir={Path.Combine(root, "publish")}/"], root);
            await RunAsync("dotnet", ["tool", "install", "autolr", "--tool-path", tools, "--add-source", packages], root);

            var cache = HostRun.NewTemporaryFolder();
            var job = await RunAsync(Path.Combine(tools, "autolr"),
                ["finetune", "--schedule", "single", .. AutoLrChild.Tiny, "--epochs", "1", "--output", output], root,
                ("AUTOLR_CACHE_DIR", cache));
            Assert.Contains("autolr finetune: finished; results in", job);
            Assert.True(File.Exists(Path.Combine(AutoLrChild.RunFolder(output), "weights.safetensors")));
        }
        finally
        {
            // Package, publish folder and installed tool are over a gigabyte together.
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>src/AutoLR.Host/AutoLR.Host.csproj of the checkout this test assembly was built from.</summary>
    private static string HostProject() => Path.Combine(RepositoryRoot.Path, "src", "AutoLR.Host", "AutoLR.Host.csproj");

    private static Task<string> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, params (string Name, string Value)[] variables) =>
        ChildStep.RunAsync(program, arguments, workingDirectory, variables);
}
