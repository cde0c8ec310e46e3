using AutoLR.Torch.Backbones;
using AutoLR.Torch.Devices;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoLR.Integration.Devices;

/// <summary>
/// The two paths of a strided 1×1 projection are one computation through two kernels: same parameters and names,
/// same random initialisation, the same outputs and gradients to float32 rounding.
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public class StridedProjectionTests
{
    private static ResNetBackbone Build(BackboneSpec spec, StridedProjection path)
    {
        torch.manual_seed(7);
        return new ResNetBackbone(spec with { Projection = path });
    }

    public static TheoryData<string> Architectures => new() { "resnet18", "resnet50" };

    private static BackboneSpec Spec(string name) => name == "resnet18" ? BackboneSpec.ResNet18 : BackboneSpec.ResNet50;

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Both_paths_build_the_same_parameters_with_the_same_random_initialisation(string name)
    {
        using var direct = Build(Spec(name), StridedProjection.Direct);
        using var subsampled = Build(Spec(name), StridedProjection.Subsampled);
        var a = direct.state_dict();
        var b = subsampled.state_dict();
        Assert.Equal(a.Keys, b.Keys);
        foreach (var key in a.Keys) Assert.True(TensorAssert.Identical(a[key], b[key]), $"{key} differs");
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Both_paths_compute_the_same_features_and_gradients(string name)
    {
        var spec = Spec(name);
        using var direct = Build(spec, StridedProjection.Direct);
        using var subsampled = Build(spec, StridedProjection.Subsampled);
        direct.train();
        subsampled.train();
        torch.manual_seed(11);
        using var input = torch.randn(2, 3, 36, 36);   // odd feature-map sides at some stages: the last pixel row counts
        using var a = direct.Features(input);
        using var b = subsampled.Features(input);
        TensorAssert.Close(a, b, 1e-4);

        // The direct path's backward pass is what oneDNN cannot plan on a CPU that misreports its caches: compare
        // gradients only where it can run (everywhere but such a CPU).
        var cpu = CpuidCacheLeaves.ThisCpu;
        if (cpu is not null && StridedProjections.CrashingProjection(spec.StridedProjectionChannels, cpu) is not null) return;
        // A fixed random projection of the features: a loss whose gradient reaches every parameter.
        using var projection = torch.randn(a.shape);
        (a * projection).sum().backward();
        (b * projection).sum().backward();
        var gradients = subsampled.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
        foreach (var (key, parameter) in direct.named_parameters())
            TensorAssert.Close(parameter.grad!, gradients[key], 1e-3, key);
    }
}
