using AutoLR.Torch.Devices;
using AutoLR.Torch.Weights;

namespace AutoLR.Settings;

/// <summary>
/// <c>--strided-projection auto</c> means the path this machine needs (<see cref="StridedProjections.ForThisMachine"/>),
/// resolved once at start so that config.json and results.json record the path that ran, as <c>--threads 0</c> is.
/// The two paths are different kernels: a resume keeps the stored one, and refuses to run one that crashes here.
/// </summary>
public static class StridedProjectionPath
{
    /// <summary>What runs made before the setting existed computed: one strided convolution.</summary>
    public static string BeforeTheSetting => StridedProjections.Name(StridedProjection.Direct);

    public static void Resolve(TrainingSettings training, BackboneSettings backbone)
    {
        if (training.StridedProjection != StridedProjections.Auto || !Known(backbone.Backbone)) return;
        var architecture = PretrainedBackbones.Find(backbone.Backbone).Spec();
        training.StridedProjection = StridedProjections.Name(
            StridedProjections.ForThisMachine(architecture.StridedProjectionChannels, OnCpu(training.Device)));
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot run <paramref name="backboneName"/> on this machine, or null when it can:
    /// the direct path of a backbone whose strided projections oneDNN would plan with a division by zero.
    /// </summary>
    public static string? Problem(string path, string backboneName, string device)
    {
        if (StridedProjections.Parse(path) != StridedProjection.Direct || !Known(backboneName) || !OnCpu(device)) return null;
        var cpuid = CpuidCacheLeaves.ThisCpu;
        if (cpuid is null || StridedProjections.CrashingProjection(PretrainedBackbones.Find(backboneName).Spec().StridedProjectionChannels, cpuid)
            is not var (input, output)) return null;
        return $"on this CPU libtorch's oneDNN would stop the process with a floating-point exception (SIGFPE) planning the backward pass of " +
               $"{backboneName}'s strided {input}→{output}-channel projection: CPUID reports {CpuidCacheLeaves.PerCoreDataCache(1, cpuid)} bytes of L1 " +
               $"data cache per core, less than one {StridedProjections.RowBytes(output)}-byte row of weights. Use subsampled (or auto); a run " +
               "stored with direct must be resumed on a CPU that reports its caches.";
    }

    private static bool Known(string backbone) => PretrainedBackbones.Names.Contains(backbone);

    private static bool OnCpu(string device) => device.Trim().Equals("cpu", StringComparison.OrdinalIgnoreCase);
}
