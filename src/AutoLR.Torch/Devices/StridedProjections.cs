namespace AutoLR.Torch.Devices;

/// <summary>
/// Chooses the <see cref="StridedProjection"/> path for a backbone on this machine, and names the setting's choices.
/// </summary>
/// <remarks>
/// Why a choice is needed: libtorch 2.10 plans the backward data pass of a strided 1×1 convolution with oneDNN 3.7.1's
/// brgemm kernel, which picks a block of output pixels whose row of weights (4 bytes × output channels) fits its
/// per-core L1 estimate. When not even one row fits, it keeps its largest block, taller than a small feature map, and
/// its efficiency estimate divides by the number of such blocks, zero: the process dies of SIGFPE with no message.
/// That happens where CPUID under-reports the caches (seen on an AMD Zen 5 virtual machine; reproduced here by
/// lowering the estimate under a debugger). So: <c>auto</c> is <see cref="StridedProjection.Direct"/> unless this CPU's
/// estimate is smaller than the widest projection's row, then <see cref="StridedProjection.Subsampled"/>.
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

    /// <summary>Bytes of one row of a strided projection's weights in float32: what oneDNN must fit in its L1 estimate.</summary>
    public static long RowBytes(long outputChannels) => 4 * outputChannels;

    /// <summary>
    /// Whether oneDNN on the CPU that <paramref name="cpuid"/> describes would divide by zero planning the backward
    /// pass of a strided 1×1 convolution with <paramref name="outputChannels"/> output channels.
    /// </summary>
    public static bool DirectCrashes(long outputChannels, CpuidCacheLeaves.Query cpuid) =>
        outputChannels > 0 && CpuidCacheLeaves.PerCoreDataCache(1, cpuid) < RowBytes(outputChannels);

    /// <summary>
    /// The path <c>auto</c> stands for: <see cref="StridedProjection.Subsampled"/> when the CPU computes with
    /// oneDNN (<paramref name="onCpu"/>) and <see cref="DirectCrashes"/> for the backbone's widest strided projection.
    /// </summary>
    public static StridedProjection ForThisMachine(long widestProjection, bool onCpu, CpuidCacheLeaves.Query? cpuid = null)
    {
        cpuid ??= CpuidCacheLeaves.ThisCpu;
        return onCpu && cpuid is not null && DirectCrashes(widestProjection, cpuid)
            ? StridedProjection.Subsampled
            : StridedProjection.Direct;
    }
}
