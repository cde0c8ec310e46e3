using System.Diagnostics;
using System.Text.Json.Nodes;
using AutoLR.Integration.Host;
using AutoLR.Integration.Slurm;
using AutoLR.Torch.Devices;

namespace AutoLR.Integration.Devices;

/// <summary>
/// The build switch <c>-p:TorchBackend=cpu|cuda</c> (build/TorchBackend.props) decides which libtorch AutoLR.Torch
/// references. Checked by evaluating the project file with MSBuild, never by restoring: the CUDA package is gigabytes,
/// and served only where GPU users build. Each evaluation starts `dotnet msbuild`, about two seconds.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class TorchBackendSwitchTests
{
    private const string TorchSharp = "TorchSharp";
    private const string CpuLibTorch = "libtorch-cpu-linux-x64";
    private const string CudaLibTorch = "libtorch-cuda-12.8-linux-x64";

    private static readonly string TorchProject = Path.Combine(RepositoryRoot.Path, "src", "AutoLR.Torch", "AutoLR.Torch.csproj");

    private sealed record Evaluation(int ExitCode, string Out, string Error)
    {
        public JsonNode Json => JsonNode.Parse(Out)!;

        public IReadOnlyList<string> Items(string type) =>
            [.. Json["Items"]![type]!.AsArray().Select(item => item!["Identity"]!.GetValue<string>())];

        public string? Version(string package) =>
            Json["Items"]!["PackageVersion"]!.AsArray().SingleOrDefault(item => item!["Identity"]!.GetValue<string>() == package)?["Version"]?.GetValue<string>();

        public string Metadata(string key) =>
            Json["Items"]!["AssemblyMetadata"]!.AsArray().Single(item => item!["Identity"]!.GetValue<string>() == key)!["Value"]!.GetValue<string>();
    }

    /// <summary>Evaluates AutoLR.Torch.csproj (no target runs, nothing is restored or written) with the given properties.</summary>
    private static async Task<Evaluation> EvaluateAsync(params string[] properties)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["msbuild", TorchProject, "-nologo", "-nodeReuse:false",
                     "-getItem:PackageReference", "-getItem:PackageVersion", "-getItem:AssemblyMetadata", .. properties])
            start.ArgumentList.Add(argument);
        using var child = WatchedChild.Start(start);
        var exit = await child.WaitForExitAsync("evaluate AutoLR.Torch.csproj");
        return new Evaluation(exit, child.Out, child.Error);
    }

    [Fact]
    public async Task By_default_the_build_references_the_cpu_libtorch_only()
    {
        var evaluation = await EvaluateAsync();
        Assert.True(evaluation.ExitCode == 0, evaluation.Out + evaluation.Error);
        var packages = evaluation.Items("PackageReference");
        Assert.Contains(TorchSharp, packages);
        Assert.Contains(CpuLibTorch, packages);
        Assert.DoesNotContain(packages, p => p.Contains("cuda", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("cpu", evaluation.Metadata("TorchBackend"));
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("CUDA")]
    public async Task The_cuda_switch_references_the_cuda_libtorch_instead_at_the_same_version(string value)
    {
        var evaluation = await EvaluateAsync($"-p:TorchBackend={value}");
        Assert.True(evaluation.ExitCode == 0, evaluation.Out + evaluation.Error);
        var packages = evaluation.Items("PackageReference");
        Assert.Contains(TorchSharp, packages);
        Assert.Contains(CudaLibTorch, packages);
        Assert.DoesNotContain(CpuLibTorch, packages);
        // Central package management needs its version, and it is the libtorch TorchSharp is built against.
        Assert.NotNull(evaluation.Version(CudaLibTorch));
        Assert.Equal(evaluation.Version(CpuLibTorch), evaluation.Version(CudaLibTorch));
        Assert.Equal("cuda", evaluation.Metadata("TorchBackend"));
        Assert.Equal(CudaLibTorch, evaluation.Metadata("LibTorchPackage"));
    }

    [Fact]
    public async Task The_cpu_build_names_in_its_refusal_the_package_the_cuda_switch_references()
    {
        var cuda = await EvaluateAsync("-p:TorchBackend=cuda");
        Assert.True(cuda.ExitCode == 0, cuda.Out + cuda.Error);
        Assert.Equal(cuda.Metadata("LibTorchPackage"), TorchBackend.CudaLibTorchPackage);
        Assert.Contains(TorchBackend.CudaLibTorchPackage, TorchBackend.CannotRun("cuda"));
    }

    [Theory]
    [InlineData("rocm")]
    [InlineData("gpu")]
    public async Task An_unknown_backend_fails_evaluation_naming_the_choices(string value)
    {
        var evaluation = await EvaluateAsync($"-p:TorchBackend={value}");
        Assert.NotEqual(0, evaluation.ExitCode);
        var output = evaluation.Out + evaluation.Error;
        Assert.Contains($"TorchBackend '{value}' is not a libtorch build of autolr", output);
        Assert.Contains("-p:TorchBackend=cpu", output);
        Assert.Contains("-p:TorchBackend=cuda", output);
    }
}
