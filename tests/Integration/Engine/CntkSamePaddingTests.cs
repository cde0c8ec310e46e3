using AutoLR.Integration.Export;
using AutoLR.Torch.Backbones;
using static TorchSharp.torch;

namespace AutoLR.Integration.Engine;

/// <summary>
/// CNTK's same-padding of the stride-2 layers (<see cref="DownsamplePadding.CntkSame"/>) selects the same windows as
/// torchvision's symmetric ⌊k/2⌋, at every input size: the ground on which the PyTorch and ONNX exports pad
/// symmetrically, and on which the explicit pad copy could be dropped.
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public class CntkSamePaddingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Same_windows_as_symmetric_padding_for_every_size_up_to_1024()
    {
        foreach (var kernel in new long[] { 3, 7 })
        {
            var symmetric = kernel / 2;
            for (long size = 1; size <= 1024; size++)
            {
                var (lower, upper) = CntkSamePadding.Of(size, kernel, 2);
                var outputs = (size + 2 * symmetric - kernel) / 2 + 1;
                // Same first window, same count (ceil(n/2)), and CNTK pads exactly the cells the last window reaches.
                Assert.Equal(symmetric, lower);
                Assert.Equal((size + 1) / 2, outputs);
                Assert.Equal((outputs - 1) * 2 - symmetric + kernel - size, upper);
                Assert.InRange(upper, 0, symmetric);
            }
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(57)]
    [InlineData(112)]
    public void The_CNTK_backbone_gives_the_same_embedding_with_symmetric_padding(int size)
    {
        using var cntk = ExportedBackbones.Drawn(BackboneSpec.CntkResNet18, 0, seed: size);
        using var symmetric = new ResNetBackbone(BackboneSpec.CntkResNet18 with { Padding = DownsamplePadding.Symmetric });
        symmetric.load_state_dict(cntk.state_dict());
        using var input = ExportedBackbones.Rgb01(1, size, seed: size).mul(2).sub(1);
        cntk.eval();
        symmetric.eval();
        using var noGrad = no_grad();
        using var a = cntk.forward(input);
        using var b = symmetric.forward(input);
        var relative = a.sub(b).norm().item<float>() / a.norm().item<float>();
        output.WriteLine($"{size} px: relative difference {relative:E2}");
        Assert.True(relative < 1e-5, $"{size} px: CNTK same-padding and symmetric padding differ by {relative:E2} relative.");
    }
}
