using System.Diagnostics;
using AutoLR.Torch.Weights;
using static TorchSharp.torch;

namespace AutoLR.Integration.Torchvision;

/// <summary>
/// Runs PyTorch itself (Debian's python3-torch 1.13.1 and python3-torchvision 0.14.1, installed by
/// `bash scripts/setup.sh tests`) through <c>reference/torchvision_reference.py</c>, copied beside the test assembly. Each
/// architecture's reference files are made once per test run, in a temporary folder removed at the end.
/// </summary>
public sealed class TorchvisionReference : IDisposable
{
    /// <summary>Debian's interpreter, where apt puts torch; a pyenv or venv python3 first on PATH usually lacks it.</summary>
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private static string Script => Path.Combine(AppContext.BaseDirectory, "reference", "torchvision_reference.py");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "autolr-torchvision-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<string, string> _made = [];
    private readonly object _gate = new();

    /// <summary>The folder holding <c>weights.safetensors</c> and <c>reference.safetensors</c> for <paramref name="arch"/>.</summary>
    public string For(string arch)
    {
        lock (_gate)
        {
            if (_made.TryGetValue(arch, out var done)) return done;
            var folder = Path.Combine(_folder, arch);
            Directory.CreateDirectory(folder);
            Run("reference", arch, folder);
            return _made[arch] = folder;
        }
    }

    public string WeightsFile(string arch) => Path.Combine(For(arch), "weights.safetensors");

    /// <summary>The reference tensors; the caller disposes them.</summary>
    public Dictionary<string, Tensor> Outputs(string arch) => StateDictFile.Read(Path.Combine(For(arch), "reference.safetensors"));

    /// <summary>torchvision's pooled features after <c>load_state_dict(weights, strict=True)</c> with fc = Identity.</summary>
    public Tensor StrictlyLoadedFeatures(string arch, string weights)
    {
        var output = Path.Combine(For(arch), $"strict-{Guid.NewGuid():N}.safetensors");
        Run("strict", arch, weights, Path.Combine(For(arch), "reference.safetensors"), output);
        var read = StateDictFile.Read(output);
        return read["pooled"];
    }

    private static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Script);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{Python} {Script} {string.Join(' ', arguments)} failed (exit {process.ExitCode}):\n{stderr}{stdout.Result}\n" +
                "These tests need Debian's PyTorch: run `bash scripts/setup.sh tests` (it installs python3-torch and python3-torchvision when " +
                "`/usr/bin/python3 -c 'import torchvision'` fails).");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
