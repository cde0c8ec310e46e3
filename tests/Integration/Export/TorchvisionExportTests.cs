using System.Diagnostics;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.EmbeddingFiles;
using AutoLR.Torch.Export;
using Xunit.Abstractions;

namespace AutoLR.Integration.Export;

/// <summary>
/// Debian's PyTorch (python3-torch 1.13, python3-torchvision 0.14, installed by scripts/setup.sh) loads what
/// <see cref="TorchvisionExport"/> writes with export/autolr_torchvision.py, strict=True, and reproduces AutoLR's
/// embeddings — preprocessing from model.json included — at pruning depths 0 (the CNTK network's ninth block), 1
/// and 3, at an even and an odd image size (CNTK same-padding against torchvision's symmetric padding).
/// </summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(TorchGlobalStateCollection.Name)]
public class TorchvisionExportTests(ITestOutputHelper output)
{
    private const string DebianPython = "/usr/bin/python3";
    private const double Tolerance = 1e-5;

    [Fact]
    public void PyTorch_loads_the_export_strictly_and_reproduces_the_embeddings_at_depths_0_1_and_3()
    {
        var root = Directory.CreateTempSubdirectory("autolr-torchvision-export-").FullName;
        (int Depth, int Size, bool FlipSum)[] cases = [(0, 32, false), (1, 33, true), (3, 32, false)];
        var folders = cases.Select(c => WriteCase(root, c.Depth, c.Size, c.FlipSum)).ToList();

        var result = RunPython([Path.Combine(AppContext.BaseDirectory, "export"), Tolerance.ToString("R", System.Globalization.CultureInfo.InvariantCulture), .. folders]);
        output.WriteLine(result.Out);
        Assert.True(result.ExitCode == 0, $"PyTorch disagrees with AutoLR beyond {Tolerance} (or failed to load):\n{result.Out}\n{result.Error}");
        Assert.Equal(cases.Length, result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Directory.Delete(root, recursive: true);
    }

    private static string WriteCase(string root, int depth, int size, bool flipSum)
    {
        var folder = Path.Combine(root, $"depth-{depth}");
        using var backbone = ExportedBackbones.Drawn(BackboneSpec.CntkResNet18, depth, seed: 16 + depth);
        TorchvisionExport.Write(backbone, folder, size, flipSum);
        using var rgb01 = ExportedBackbones.Rgb01(3, size, seed: depth);
        var embeddings = ExportedBackbones.Embed(backbone, rgb01, flipSum);
        NpyArrays.WriteFloat32(Path.Combine(folder, "inputs.npy"), rgb01.contiguous().data<float>().ToArray(), 3, 3, size, size);
        NpyArrays.WriteFloat32(Path.Combine(folder, "expected.npy"), embeddings.Values, embeddings.Count, embeddings.Dimension);
        return folder;
    }

    private static (int ExitCode, string Out, string Error) RunPython(IEnumerable<string> args)
    {
        if (!File.Exists(DebianPython))
            Assert.Fail($"{DebianPython} not found: install Debian's python3 with python3-torch and python3-torchvision (bash scripts/setup.sh does).");
        var start = new ProcessStartInfo(DebianPython) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Export", "check_torchvision_export.py"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // PyTorch's default of one thread per core spins on this shared machine; the check is tiny.
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        if (!python.WaitForExit(TimeSpan.FromMinutes(3))) python.Kill();
        var error = stderr.Result;
        if (error.Contains("No module named 'torch", StringComparison.Ordinal))
            Assert.Fail($"Debian's python3 lacks PyTorch: apt-get install python3-torch python3-torchvision (bash scripts/setup.sh does).\n{error}");
        return (python.ExitCode, stdout.Result, error);
    }
}
