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
    public void Both_paths_compute_the_same_features(string name)
    {
        using var direct = Build(Spec(name), StridedProjection.Direct);
        using var subsampled = Build(Spec(name), StridedProjection.Subsampled);
        direct.train();
        subsampled.train();
        torch.manual_seed(11);
        using var input = torch.randn(2, 3, 36, 36);   // odd feature-map sides at some stages: the last pixel row counts
        using var a = direct.Features(input);
        using var b = subsampled.Features(input);
        TensorAssert.Close(a, b, 1e-4);
    }

    /// <summary>
    /// The same sums, so the same gradients: checked in float64, where both paths agree to ~1e-15 on any CPU (in float32
    /// a deep random network in training mode on two images amplifies rounding to ~1 % in some tensors, differently
    /// per instruction set). Float64 convolutions do not go through oneDNN, so this holds on a CPU that misreports its
    /// caches too.
    /// </summary>
    [Theory]
    [MemberData(nameof(Architectures))]
    public void Both_paths_compute_the_same_gradients(string name)
    {
        using var direct = Build(Spec(name), StridedProjection.Direct);
        using var subsampled = Build(Spec(name), StridedProjection.Subsampled);
        direct.to(float64).train();
        subsampled.to(float64).train();
        torch.manual_seed(11);
        using var input = torch.randn(2, 3, 36, 36, float64);
        using var a = direct.Features(input);
        using var b = subsampled.Features(input);
        // A fixed random projection of the features: a loss whose gradient reaches every parameter.
        using var projection = torch.randn(a.shape, float64);
        (a * projection).sum().backward();
        (b * projection).sum().backward();
        var gradients = subsampled.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
        foreach (var (key, parameter) in direct.named_parameters())
            TensorAssert.Close(parameter.grad!, gradients[key], 1e-9, key);
    }
}
