using System.Reflection;

namespace AutoLR.Torch.Devices;

/// <summary>
/// The libtorch this build links: <c>cpu</c> (the default) or <c>cuda</c>, chosen by the build switch
/// <c>-p:TorchBackend</c> (build/TorchBackend.props) and recorded in this assembly's metadata. Reading it loads no native
/// library, so a command can refuse a device its build cannot open while it checks its settings, before any run
/// directory exists, and name the package and switch that would make a build that can.
/// </summary>
public static class TorchBackend
{
    /// <summary>The backend of the build: <c>cpu</c> or <c>cuda</c>.</summary>
    public static string Name { get; } = Metadata("TorchBackend");

    /// <summary>The libtorch package this build references.</summary>
    public static string LibTorchPackage { get; } = Metadata("LibTorchPackage");

    /// <summary>The libtorch package <c>-p:TorchBackend=cuda</c> references.</summary>
    public static string CudaLibTorchPackage { get; } = Metadata("CudaLibTorchPackage");

    /// <summary>The build switch that makes a build which can use a GPU.</summary>
    public const string CudaBuildSwitch = "-p:TorchBackend=cuda";

    /// <summary>Whether this build links a libtorch with CUDA kernels (it still needs a GPU and its driver at run time).</summary>
    public static bool HasCuda => Name == "cuda";

    /// <summary>
    /// Why this build cannot compute on <paramref name="device"/> (a device setting of valid syntax), or null when
    /// it can: a CUDA device on a CPU build. Whether a GPU is there is known only once libtorch loads
    /// (<see cref="DeviceSetting.Parse"/>); this is what the binary itself can never do.
    /// </summary>
    public static string? CannotRun(string device) =>
        HasCuda || !device.Trim().StartsWith("cuda", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"this autolr is built with the CPU libtorch ({LibTorchPackage}), which has no CUDA: build it with {CudaBuildSwitch}, " +
              $"which references the package {CudaLibTorchPackage} instead, or set the device to cpu.";

    private static string Metadata(string key) =>
        typeof(TorchBackend).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"AutoLR.Torch was built without its {key} metadata (build/TorchBackend.props); rebuild it.");
}
