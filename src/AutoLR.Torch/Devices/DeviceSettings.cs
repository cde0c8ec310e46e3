using System.Text.RegularExpressions;
using AutoLR.Algorithms;
using AutoLR.Torch.Weights;

namespace AutoLR.Torch.Devices;

/// <summary>
/// Where and how tensors are computed, each setting declared once. Two resolve on this machine when a run starts, so
/// that config.json and results.json record what ran and a resume keeps it: <c>--threads 0</c> is the core count
/// (shared among <c>--jobs</c> processes), and
/// <c>--strided-projection auto</c> the path this CPU needs (<see cref="StridedProjections.ForThisMachine"/>).
/// </summary>
public static partial class DeviceSettings
{
    /// <summary>The machine a process computes on: every command that runs the network takes them; a sweep's cells share them.</summary>
    public static readonly SettingGroup ComputeGroup = new("compute", sweepable: false);

    /// <summary>How many processes of one command share this machine's cores: compare takes it (its cells side by side).</summary>
    public static readonly SettingGroup ProcessesGroup = new("processes", sweepable: false);

    /// <summary>The most threads <c>--threads</c> takes, and the most <c>0</c> resolves to.</summary>
    private const int MaxThreads = 1024;

    public static readonly Setting<string> Device = Setting.Text("Device",
        "Compute device: cpu, cuda or cuda:N (CUDA needs autolr built with -p:TorchBackend=cuda).", [ComputeGroup], "cpu")
        .WithRole(SettingRole.Compute)
        .CheckedBy(device => DevicePattern().IsMatch(device) ? null : "the device must be cpu, cuda or cuda:N with N a GPU index (e.g. cuda:0).");

    /// <summary>
    /// How the command computes, not what: each process has the same thread count (<see cref="Threads"/>), so its
    /// results equal those of one process; a resume may change it.
    /// </summary>
    public static readonly Setting<int> Jobs = Setting.Integer("Jobs",
        "compare: how many of the comparison's cells (a seed's pruning search, or one method on one seed) run side by side, each in a " +
        "child process of its own; 1 runs them here one after another. With --threads 0 each process gets the core count ÷ jobs " +
        "threads (recorded). Results equal a run of one job with the same --threads.",
        [ProcessesGroup], 1, SettingRange.Integers(1, 64))
        .WithRole(SettingRole.Compute);

    /// <summary>
    /// libtorch's CPU kernels split reductions by thread, so another thread count sums in another order and ends with
    /// other weights: the count is part of the experiment, recorded as the number that ran, and a resume may not change it.
    /// </summary>
    public static readonly Setting<int> Threads = Setting.Integer("Threads",
        "CPU threads for tensor operations; 0 means this machine's core count, recorded as that number (results depend on it).",
        [ComputeGroup], 0, SettingRange.Integers(0, MaxThreads))
        .ResolvedBy((values, threads) => threads == 0 ? Math.Clamp(Environment.ProcessorCount / Math.Max(1, values.Get(Jobs)), 1, MaxThreads) : threads);

    /// <summary>
    /// The two paths are different kernels: a resume keeps the stored one, and a run stored before the setting existed
    /// computed its projections directly, whatever <c>auto</c> means here. The backbone is read unvalidated: its own
    /// problems are reported with the others, not instead of them.
    /// </summary>
    public static readonly Setting<string> StridedProjectionPath = Setting.Choice("StridedProjection",
        "How a ResNet's strided 1×1 shortcut convolutions are computed. auto is recorded as the path it chose, and a resume keeps it: " +
        "results agree across paths only to rounding.",
        [LearningRateSettings.trainingGroup],
        [
            new SettingChoice(StridedProjections.Auto, "direct, unless this CPU reports caches so small that libtorch's oneDNN would crash planning the direct path's backward pass"),
            new SettingChoice(StridedProjections.Name(StridedProjection.Direct), "one strided convolution, as torchvision"),
            new SettingChoice(StridedProjections.Name(StridedProjection.Subsampled), "every second pixel, then a stride-1 convolution: the same sums through another kernel"),
        ],
        StridedProjections.Auto)
        .ExistingBefore(StridedProjections.Name(StridedProjection.Direct))
        .ResolvedBy((values, path) => path == StridedProjections.Auto && Known(values.Get(BackboneSettings.Backbone))
            ? StridedProjections.Name(StridedProjections.ForThisMachine(
                PretrainedBackbones.Find(values.Get(BackboneSettings.Backbone)).Spec().StridedProjectionChannels, OnCpu(values.Get(Device))))
            : path);

    /// <summary>The settings, in the order help lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Device, Jobs, Threads, StridedProjectionPath];

    /// <summary>The direct path may not run a backbone whose strided projections oneDNN would plan with a division by zero here.</summary>
    public static IReadOnlyList<SettingRule> Rules { get; } =
    [
        SettingRule.Of([StridedProjectionPath], [BackboneSettings.Backbone, Device], values =>
            CrashProblem(values.Get(StridedProjectionPath), values.Get(BackboneSettings.Backbone), values.Get(Device))),
    ];

    /// <summary>The device syntax (cpu, cuda, cuda:N); also checks `autolr worker --device`.</summary>
    [GeneratedRegex("^(cpu|cuda|cuda:[0-9]{1,3})$")]
    public static partial Regex DevicePattern();

    /// <summary>
    /// Why <paramref name="path"/> cannot run <paramref name="backboneName"/> on this machine, or null when it can:
    /// the direct path of a backbone whose strided projections oneDNN would plan with a division by zero.
    /// </summary>
    private static string? CrashProblem(string path, string backboneName, string device)
    {
        if (StridedProjections.Parse(path) != StridedProjection.Direct || !OnCpu(device)) return null;
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
