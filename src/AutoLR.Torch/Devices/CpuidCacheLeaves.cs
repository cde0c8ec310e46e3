using System.Runtime.Intrinsics.X86;

namespace AutoLR.Torch.Devices;

/// <summary>The four registers one CPUID call returns.</summary>
public readonly record struct CpuidRegisters(uint Eax, uint Ebx, uint Ecx, uint Edx);

/// <summary>
/// The per-core data-cache sizes that libtorch 2.10's oneDNN (3.7.1) plans its convolutions with, computed from CPUID
/// exactly as its bundled Xbyak and <c>platform::get_per_core_cache_size</c> do, so that a host can tell before any
/// tensor work whether oneDNN will misplan on this CPU (<see cref="StridedProjections"/>).
/// </summary>
/// <remarks>
/// oneDNN reads caches from leaf 0x8000001D on AMD and leaf 4 on Intel, never checking that the leaf exists, and
/// divides each size by the logical cores it says share the cache. A virtual machine that does not pass these leaves
/// through (an AMD guest without the <c>topoext</c> flag reads zeros) gets sizes of a few bytes; oneDNN then finds no
/// block that fits its L1 test and keeps a block taller than the image, which ends in an integer division by zero.
/// Xbyak's bit fields are read as it reads them: <c>extractBit(v, base, end)</c> takes bits base .. end − 1.
/// </remarks>
public static class CpuidCacheLeaves
{
    /// <summary>A CPUID query: (leaf, sub-leaf) → registers.</summary>
    public delegate CpuidRegisters Query(uint leaf, uint subLeaf);

    /// <summary>This CPU's CPUID, or null off x86 (no oneDNN x64 kernels there).</summary>
    public static Query? ThisCpu => X86Base.IsSupported
        ? (leaf, subLeaf) =>
        {
            var (eax, ebx, ecx, edx) = X86Base.CpuId(unchecked((int)leaf), unchecked((int)subLeaf));
            return new CpuidRegisters(unchecked((uint)eax), unchecked((uint)ebx), unchecked((uint)ecx), unchecked((uint)edx));
        }
        : null;

    /// <summary>
    /// Bytes of the level-<paramref name="level"/> data cache per core (1 = L1) as oneDNN 3.7.1 computes them: its
    /// 32 KiB / 512 KiB / 1 MiB guesses when the vendor is neither AMD nor Intel, else size ÷ cores sharing.
    /// </summary>
    public static uint PerCoreDataCache(int level, Query cpuid)
    {
        var (sizes, sharing) = Hierarchy(cpuid);
        if (sizes.Count == 0) return level switch { 1 => 32u * 1024, 2 => 512u * 1024, 3 => 1024u * 1024, _ => 0u };
        return level > 0 && level <= sizes.Count ? sizes[level - 1] / sharing[level - 1] : 0u;
    }

    private const uint SmtLevel = 1, CoreLevel = 2;

    private static uint Bits(uint value, int first, int end) => (value >> first) & ((1u << (end - first)) - 1);

    private static (List<uint> Sizes, List<uint> Sharing) Hierarchy(Query cpuid)
    {
        var vendor = cpuid(0, 0);
        var isAmd = vendor.Ecx == 0x444D4163;    // "cAMD" of "AuthenticAMD"
        var isIntel = vendor.Ecx == 0x6C65746E;  // "ntel" of "GenuineIntel"
        var sizes = new List<uint>();
        var sharing = new List<uint>();
        if (!isAmd && !isIntel) return (sizes, sharing);

        // Xbyak's setNumCores: threads per core and logical processors per package from leaf 0xB, with its fallbacks
        // for a hypervisor that zeroes the leaf.
        var cores = new uint[2];
        var x2Apic = vendor.Eax >= 0xB;
        if (x2Apic)
        {
            for (uint i = 0; i < 2; i++)
            {
                var topology = cpuid(0xB, i);
                var levelType = Bits(topology.Ecx, 8, 15);
                if (levelType is SmtLevel or CoreLevel) cores[levelType - 1] = Bits(topology.Ebx, 0, 15);
            }
            cores[0] = Math.Max(1u, cores[0]);
            cores[1] = Math.Max(cores[0], cores[1]);
        }

        if (isAmd)
        {
            foreach (var subLeaf in new uint[] { 0, 2, 3 })   // L1 data, L2, L3 (sub-leaf 1 is the L1 instruction cache)
            {
                var cache = cpuid(0x8000001D, subLeaf);
                sizes.Add(Size(cache));
                var logical = Bits(cache.Eax, 14, 25) + 1;
                if (cores[1] != 0) logical = Math.Min(logical, cores[1]);
                // Xbyak divides by the SMT width unchecked; with none reported oneDNN fails before any convolution.
                sharing.Add(Math.Max(cores[0] == 0 ? logical : logical / cores[0], 1u));
            }
            return (sizes, sharing);
        }

        uint smtWidth = x2Apic ? cores[0] : 0, logicalCores = x2Apic ? cores[1] : 0;
        for (uint i = 0; sizes.Count < 10; i++)
        {
            var cache = cpuid(4, i);
            var type = Bits(cache.Eax, 0, 4);
            if (type == 0) break;
            if (type is not (1 or 3)) continue;   // data or unified
            var logical = Bits(cache.Eax, 14, 25) + 1;
            if (logicalCores != 0) logical = Math.Min(logical, logicalCores);
            sizes.Add(Size(cache));
            if (type == 1 && smtWidth == 0) smtWidth = logical;
            sharing.Add(Math.Max(smtWidth == 0 ? logical : logical / smtWidth, 1u));
        }
        return (sizes, sharing);
    }

    /// <summary>Ways × partitions × line size × sets, each field stored minus one.</summary>
    private static uint Size(CpuidRegisters cache) => unchecked(
        (Bits(cache.Ebx, 22, 31) + 1) * (Bits(cache.Ebx, 12, 21) + 1) * (Bits(cache.Ebx, 0, 11) + 1) * (cache.Ecx + 1));
}
