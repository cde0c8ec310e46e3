namespace AutoLR.Torch.Devices;

/// <summary>
/// Chooses the <see cref="StridedProjection"/> path for a backbone on this machine, and names the setting's choices.
/// </summary>
/// <remarks>
/// Why a choice is needed: libtorch 2.10 plans the backward data pass of a strided 1×1 convolution with oneDNN 3.7.1's
/// brgemm kernel, which picks a block of pixels whose row of weights (4 bytes × output channels) fits its per-core L1
/// estimate. When not even one row fits, it keeps its largest block, taller than a small feature map, and its
/// efficiency estimate divides by the number of such blocks: zero. For most shapes that division is in floating point
/// (a harmless infinity); for five input/output channel pairs oneDNN special-cases (<see cref="SpecialCasedChannels"/>,
/// two of which are ResNet-50/101's projections into stages 3 and 4) it is an integer division, and the process dies
/// of SIGFPE with no message. That happens where CPUID under-reports the caches (seen on an AMD Zen 5 virtual machine;
/// reproduced on any x86 CPU by lowering the estimate under a debugger, bench/strided-projection-crash.sh). So
/// <c>auto</c> is <see cref="StridedProjection.Direct"/> unless one of the backbone's projections would crash here,
/// then <see cref="StridedProjection.Subsampled"/>; backbones that never reach the division keep their results.
/// </remarks>
public static class StridedProjections
{
    /// <summary>The setting's value that lets this machine decide.</summary>
    public const string Auto = "auto";

    /// <summary>The setting's choices, <see cref="Auto"/> first.</summary>
    public static IReadOnlyList<string> Names { get; } = [Auto, .. Enum.GetValues<StridedProjection>().Select(Name)];

    /// <summary>The configuration name of a path: <c>direct</c> or <c>subsampled</c>.</summary>
    public static string Name(StridedProjection path) => path.ToString().ToLowerInvariant();

    /// <summary>The path of a configuration name other than <see cref="Auto"/>, or null for a name that is none.</summary>
    public static StridedProjection? Parse(string name) =>
        Enum.GetValues<StridedProjection>().Cast<StridedProjection?>().FirstOrDefault(p => Name(p!.Value) == name);

    /// <summary>
    /// The (input, output) channel pairs whose 1×1 convolutions oneDNN 3.7.1's brgemm planner special-cases with an
    /// integer division (its "maskrcnn workaround" in <c>est_eff_1x1</c>), forward and backward alike.
    /// </summary>
    public static IReadOnlyList<(long In, long Out)> SpecialCasedChannels { get; } =
        [(1024, 2048), (1024, 512), (256, 1024), (512, 1024), (512, 2048)];

    /// <summary>Bytes of one row of a strided projection's weights in float32: what oneDNN must fit in its L1 estimate.</summary>
    public static long RowBytes(long outputChannels) => 4 * outputChannels;

    /// <summary>
    /// The first of <paramref name="projections"/> whose backward pass oneDNN would plan with a division by zero on the
    /// CPU that <paramref name="cpuid"/> describes: a special-cased channel pair whose weight row exceeds the L1
    /// estimate. Null when none would.
    /// </summary>
    public static (long In, long Out)? CrashingProjection(IEnumerable<(long In, long Out)> projections, CpuidCacheLeaves.Query cpuid)
    {
        var l1 = CpuidCacheLeaves.PerCoreDataCache(1, cpuid);
        foreach (var projection in projections)
            if (SpecialCasedChannels.Contains(projection) && l1 < RowBytes(projection.Out)) return projection;
        return null;
    }

    /// <summary>
    /// The path <c>auto</c> stands for: <see cref="StridedProjection.Subsampled"/> when the CPU computes with
    /// oneDNN (<paramref name="onCpu"/>) and one of <paramref name="projections"/> would crash on the direct path.
    /// </summary>
    public static StridedProjection ForThisMachine(IEnumerable<(long In, long Out)> projections, bool onCpu, CpuidCacheLeaves.Query? cpuid = null)
    {
        cpuid ??= CpuidCacheLeaves.ThisCpu;
        return onCpu && cpuid is not null && CrashingProjection(projections, cpuid) is not null
            ? StridedProjection.Subsampled
            : StridedProjection.Direct;
    }
}
