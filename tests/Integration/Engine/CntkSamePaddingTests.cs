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

    /// <summary>
    /// What the backbone relies on (<see cref="DownsamplePadding"/>: CNTK's stride-2 layers use their own symmetric
    /// padding): a stride-2 convolution and max-pool over CNTK's explicitly padded input equal the same layer with
    /// symmetric ⌊k/2⌋ padding. The whole network is checked against the CNTK export's ONNX graph, which pads
    /// explicitly, in CntkResNet18ImportTests.
    /// </summary>
    [Theory]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(57)]
    [InlineData(112)]
    public void A_stride_2_layer_over_cntks_padding_equals_it_with_symmetric_padding(int size)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)size);
        var input = randn([2, 4, size, size], generator: generator);
        foreach (var kernel in new long[] { 3, 7 })
        {
            var weight = randn([5, 4, kernel, kernel], generator: generator);
            var explicitPadding = nn.functional.conv2d(CntkSamePadding.Apply(input, kernel, 2), weight, strides: [2, 2]);
            var ownPadding = nn.functional.conv2d(input, weight, strides: [2, 2], padding: [kernel / 2, kernel / 2]);
            Assert.Equal(explicitPadding.shape, ownPadding.shape);
            var relative = explicitPadding.sub(ownPadding).norm().item<float>() / explicitPadding.norm().item<float>();
            output.WriteLine($"{size} px, {kernel}×{kernel} convolution: relative difference {relative:E2}");
            Assert.True(relative < 1e-5, $"{size} px, {kernel}×{kernel}: CNTK's padding and symmetric padding differ by {relative:E2} relative.");
        }
        var pooledExplicitly = nn.functional.max_pool2d(CntkSamePadding.Apply(input, 3, 2, double.NegativeInfinity), 3, 2);
        var pooled = nn.functional.max_pool2d(input, 3, 2, 1);
        Assert.True(pooledExplicitly.allclose(pooled, rtol: 0, atol: 0), $"{size} px: max-pool over CNTK's padding differs from symmetric padding.");
    }
}
