using AutoLR.Torch.Backbones;
using AutoLR.Torch.Devices;
using AutoLR.Torch.Weights;

namespace AutoLR.Integration.Devices;

/// <summary>
/// The per-core cache sizes oneDNN plans with, from recorded CPUID registers: what decides whether the direct path of
/// a strided projection would crash (<see cref="StridedProjections"/>). The registers are tables, so these hold on
/// any CPU.
/// </summary>
public class CpuidCacheLeavesTests
{
    /// <summary>The 2-core AMD EPYC (Zen 3, KVM) these figures were taken on, leaves as it reports them.</summary>
    private static readonly Dictionary<(uint, uint), CpuidRegisters> AmdZen3Guest = new()
    {
        [(0x0, 0)] = new(0x0000000D, 0x68747541, 0x444D4163, 0x69746E65),
        [(0xB, 0)] = new(0x00000000, 0x00000001, 0x00000100, 0x00000001),
        [(0xB, 1)] = new(0x00000005, 0x00000002, 0x00000201, 0x00000001),
        [(0x8000001D, 0)] = new(0x00000121, 0x01C0003F, 0x0000003F, 0x00000000),
        [(0x8000001D, 1)] = new(0x00000122, 0x01C0003F, 0x0000003F, 0x00000000),
        [(0x8000001D, 2)] = new(0x00000143, 0x01C0003F, 0x000003FF, 0x00000002),
        [(0x8000001D, 3)] = new(0x00004163, 0x03C0003F, 0x00007FFF, 0x00000001),
    };

    /// <summary>An AMD guest whose hypervisor does not pass the cache leaf through (no topoext): it reads zeros.</summary>
    private static readonly Dictionary<(uint, uint), CpuidRegisters> AmdGuestWithoutCacheLeaf = new()
    {
        [(0x0, 0)] = AmdZen3Guest[(0x0, 0)],
        [(0xB, 0)] = AmdZen3Guest[(0xB, 0)],
        [(0xB, 1)] = AmdZen3Guest[(0xB, 1)],
    };

    /// <summary>An Intel CPU with two threads per core: 48 KiB L1d shared by a core's two threads, 1 MiB L2.</summary>
    private static readonly Dictionary<(uint, uint), CpuidRegisters> IntelWithHyperThreads = new()
    {
        [(0x0, 0)] = new(0x00000016, 0x756E6547, 0x6C65746E, 0x49656E69),
        [(0xB, 0)] = new(0x00000001, 0x00000002, 0x00000100, 0x00000000),
        [(0xB, 1)] = new(0x00000006, 0x00000038, 0x00000201, 0x00000000),
        [(0x4, 0)] = new(0x6C004121, 0x02C0003F, 0x0000003F, 0x00000000),
        [(0x4, 1)] = new(0x6C004122, 0x01C0003F, 0x0000003F, 0x00000000),
        [(0x4, 2)] = new(0x6C004143, 0x03C0003F, 0x000003FF, 0x00000000),
        [(0x4, 3)] = new(0x6C1BC163, 0x0280003F, 0x0000DFFF, 0x00000004),
    };

    private static CpuidCacheLeaves.Query From(Dictionary<(uint, uint), CpuidRegisters> table) =>
        (leaf, subLeaf) => table.TryGetValue((leaf, subLeaf), out var registers) ? registers : default;

    [Fact]
    public void An_AMD_guest_that_reports_its_caches_gets_them_per_core()
    {
        Assert.Equal(32u * 1024, CpuidCacheLeaves.PerCoreDataCache(1, From(AmdZen3Guest)));
        Assert.Equal(512u * 1024, CpuidCacheLeaves.PerCoreDataCache(2, From(AmdZen3Guest)));
        // The L3 (32 MiB) is shared by both logical cores.
        Assert.Equal(16u * 1024 * 1024, CpuidCacheLeaves.PerCoreDataCache(3, From(AmdZen3Guest)));
    }

    [Fact]
    public void An_AMD_guest_without_the_cache_leaf_reads_one_byte_caches()
    {
        Assert.Equal(1u, CpuidCacheLeaves.PerCoreDataCache(1, From(AmdGuestWithoutCacheLeaf)));
        Assert.Equal(1u, CpuidCacheLeaves.PerCoreDataCache(2, From(AmdGuestWithoutCacheLeaf)));
    }

    [Fact]
    public void An_Intel_core_with_two_threads_keeps_its_whole_L1()
    {
        Assert.Equal(48u * 1024, CpuidCacheLeaves.PerCoreDataCache(1, From(IntelWithHyperThreads)));
        Assert.Equal(1024u * 1024, CpuidCacheLeaves.PerCoreDataCache(2, From(IntelWithHyperThreads)));
    }

    [Fact]
    public void Another_vendor_gets_oneDNNs_guesses()
    {
        var other = new Dictionary<(uint, uint), CpuidRegisters> { [(0x0, 0)] = new(0x0000000D, 0x6F677948, 0x656E6975, 0x6E65476E) };
        Assert.Equal(32u * 1024, CpuidCacheLeaves.PerCoreDataCache(1, From(other)));
        Assert.Equal(512u * 1024, CpuidCacheLeaves.PerCoreDataCache(2, From(other)));
    }

    public static TheoryData<string, bool, bool> Backbones => new()
    {
        { "resnet50", false, false },     // 8 KiB rows, 32 KiB of L1
        { "resnet50", true, true },       // its 512→1024 and 1024→2048 projections are special-cased pairs
        { "resnet101", true, true },
        { "resnet18", true, false },      // 64→128, 128→256, 256→512: never the integer division, whatever the cache
        { "cntk-resnet18", true, false },
        { "inception-v3", true, false },  // no strided 1×1 projection
    };

    [Theory]
    [MemberData(nameof(Backbones))]
    public void The_direct_path_crashes_only_for_special_cased_projections_whose_row_exceeds_the_L1_estimate(string backbone, bool brokenCaches, bool crashes)
    {
        var cpu = From(brokenCaches ? AmdGuestWithoutCacheLeaf : AmdZen3Guest);
        var projections = PretrainedBackbones.Find(backbone).Spec().StridedProjectionChannels;
        Assert.Equal(crashes, StridedProjections.CrashingProjection(projections, cpu) is not null);
        Assert.Equal(crashes ? StridedProjection.Subsampled : StridedProjection.Direct, StridedProjections.ForThisMachine(projections, onCpu: true, cpu));
        // On a GPU oneDNN plans nothing: auto is always the direct path.
        Assert.Equal(StridedProjection.Direct, StridedProjections.ForThisMachine(projections, onCpu: false, cpu));
    }

    [Fact]
    public void ResNet_projections_are_declared_from_stage_to_stage()
    {
        Assert.Equal([(64L, 128L), (128L, 256L), (256L, 512L)], BackboneSpec.ResNet18.StridedProjectionChannels);
        Assert.Equal([(256L, 512L), (512L, 1024L), (1024L, 2048L)], BackboneSpec.ResNet50.StridedProjectionChannels);
    }

    [Fact]
    public void The_setting_names_every_path_and_auto()
    {
        Assert.Equal(["auto", "direct", "subsampled"], StridedProjections.Names);
        Assert.Equal(StridedProjection.Subsampled, StridedProjections.Parse("subsampled"));
        Assert.Null(StridedProjections.Parse("auto"));
    }
}
