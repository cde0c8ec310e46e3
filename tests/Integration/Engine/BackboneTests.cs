using AutoLR.Torch.Backbones;
using static TorchSharp.torch;

namespace AutoLR.Integration.Engine;

[Collection(TorchGlobalStateCollection.Name)]
public class BackboneTests
{
    // torchvision resnet18: 20 convolutions (1 stem + 16 in blocks + 3 projections) and 20 BatchNorms.
    // Each conv has 1 weight, each BatchNorm 5 entries (weight, bias, running_mean, running_var,
    // num_batches_tracked): 20 + 100 = 120, plus fc.weight and fc.bias = 122. The backbone has no fc: 120.
    [Fact]
    public void ResNet18StateDictHasTorchvisionNames()
    {
        using var backbone = new ResNetBackbone(BackboneSpec.ResNet18);
        var keys = backbone.state_dict().Keys.ToHashSet();
        Assert.Equal(122 - 2, keys.Count);
        foreach (var name in new[]
                 {
                     "conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
                     "layer1.0.conv1.weight", "layer1.1.bn2.running_var", "layer2.0.downsample.0.weight",
                     "layer2.0.downsample.1.num_batches_tracked", "layer4.1.conv2.weight", "layer4.0.downsample.1.bias",
                 })
            Assert.Contains(name, keys);
        Assert.DoesNotContain("layer1.0.downsample.0.weight", keys);
    }

    // torchvision resnet50: 53 convolutions (1 + 16 × 3 + 4 projections, layer1.0 included because 64 → 256) and
    // 53 BatchNorms: 53 + 265 = 318, plus fc = 320. The backbone has no fc: 318.
    [Fact]
    public void ResNet50StateDictHasTorchvisionNames()
    {
        using var backbone = new ResNetBackbone(BackboneSpec.ResNet50);
        var keys = backbone.state_dict().Keys.ToHashSet();
        Assert.Equal(320 - 2, keys.Count);
        foreach (var name in new[]
                 {
                     "layer1.0.downsample.0.weight", "layer1.0.conv3.weight", "layer3.5.bn3.running_mean",
                     "layer4.2.conv2.weight", "layer4.0.downsample.1.num_batches_tracked",
                 })
            Assert.Contains(name, keys);
        Assert.Equal([128, 256, 1, 1], backbone.state_dict()["layer2.0.conv1.weight"].shape);
    }

    [Theory]
    [InlineData("resnet18", 0, 8, 512)]
    [InlineData("resnet18", 1, 7, 512)]
    [InlineData("resnet18", 2, 6, 256)]
    [InlineData("resnet18", 5, 3, 128)]
    [InlineData("resnet34", 3, 13, 256)]
    [InlineData("resnet50", 3, 13, 1024)]
    [InlineData("resnet101", 4, 29, 1024)]
    public void PruningRemovesTopBlocksAndEmbeddingWidthFollows(string name, int depth, int kept, long width)
    {
        var spec = new[] { BackboneSpec.ResNet18, BackboneSpec.ResNet34, BackboneSpec.ResNet50, BackboneSpec.ResNet101 }.Single(s => s.Name == name);
        using var network = new RetrievalNetwork(new ResNetBackbone(spec, depth), HeadOptions.Default, 5);
        Assert.Equal(kept, network.Backbone.Blocks.Count);
        Assert.Equal(spec.BlockCount - depth, network.Partition.BlockCount);
        Assert.Equal(depth, network.Backbone.RemovedBlockNames.Count);
        Assert.Equal(width, network.Backbone.EmbeddingWidth);
        var keys = network.Backbone.state_dict().Keys;
        Assert.DoesNotContain(keys, k => network.Backbone.RemovedBlockNames.Any(b => k.StartsWith(b + ".")));
        using var embedding = network.Backbone.forward(randn(2, 3, 32, 32));
        Assert.Equal([2, width], embedding.shape);
        using var logits = network.forward(randn(2, 3, 32, 32));
        Assert.Equal([2, 5L], logits.shape);
    }

    [Fact]
    public void PartitionCoversEveryParameterOnceAndMeasuresMainPathConvolutions()
    {
        using var network = new RetrievalNetwork(new ResNetBackbone(BackboneSpec.ResNet50, 1), HeadOptions.Default, 4);
        var partition = network.Partition;
        var grouped = partition.Groups.SelectMany(g => g.Parameters.Select(p => p.Name)).ToArray();
        Assert.Equal(network.named_parameters().Select(p => p.name).OrderBy(n => n), grouped.OrderBy(n => n));
        Assert.Equal(grouped.Length, grouped.Distinct().Count());
        var block1 = partition.Blocks[0];
        Assert.Equal((1, "layer1.0"), (block1.Index, block1.Name));
        Assert.Equal(
            ["backbone.layer1.0.conv1.weight", "backbone.layer1.0.conv2.weight", "backbone.layer1.0.conv3.weight"],
            block1.VariationWeights.Select(w => w.Name));
        Assert.Equal(64 * 64 + 64 * 64 * 9 + 64 * 256, block1.VariationWeightCount);
        Assert.Equal("layer4.1", partition.Blocks[^1].Name);
    }

    // CNTK's same-padding (ConvolveGeometry, autoPadding): ⌈n/s⌉ outputs, the first window centred on the first pixel.
    // At 224 these are the pads the ONNX export records ([3, 3, 2, 2], [1, 1, 0, 0]); at odd sizes both sides get ⌊k/2⌋.
    [Theory]
    [InlineData(224, 7, 2, 3, 2)]
    [InlineData(112, 3, 2, 1, 0)]
    [InlineData(56, 3, 1, 1, 1)]
    [InlineData(225, 7, 2, 3, 3)]
    [InlineData(97, 7, 2, 3, 3)]
    [InlineData(49, 3, 2, 1, 1)]
    [InlineData(7, 3, 2, 1, 1)]
    public void CntkSamePaddingFollowsCntksFormula(long size, long kernel, long stride, long lower, long upper)
    {
        Assert.Equal((lower, upper), CntkSamePadding.Of(size, kernel, stride));
        var output = (size + lower + upper - kernel) / stride + 1;
        Assert.Equal((size + stride - 1) / stride, output);
    }

    private static BackboneSpec Cntk(DownsamplePadding padding) =>
        BackboneSpec.ResNet18 with { Name = "cntk-shape", Padding = padding, BlocksPerStage = [2, 2, 2, 3] };

    // Each stride-2 layer (stem conv, stem pool, the first conv of stages 2–4) gives ⌈n/2⌉; a pruned backbone's
    // features are the output of the stage its last kept block ends.
    [Theory]
    [InlineData(97, new long[] { 25, 13, 7, 4 })]
    [InlineData(225, new long[] { 57, 29, 15, 8 })]
    [InlineData(224, new long[] { 56, 28, 14, 7 })]
    [InlineData(64, new long[] { 16, 8, 4, 2 })]
    public void CntkSpecStagesHaveCntksSizes(int size, long[] stageSizes)
    {
        using var input = randn(1, 3, size, size);
        using var noGrad = no_grad();
        var keptAtStageEnd = new[] { 2, 4, 6, 9 };
        for (var stage = 0; stage < 4; stage++)
        {
            using var backbone = new ResNetBackbone(Cntk(DownsamplePadding.CntkSame), pruningDepth: 9 - keptAtStageEnd[stage]);
            using var features = backbone.Features(input);
            Assert.Equal([1, backbone.EmbeddingWidth, stageSizes[stage], stageSizes[stage]], features.shape);
        }
    }

    // For odd kernels at stride 1 or 2, CNTK's windows are torchvision's at every size: the first centre is the first
    // pixel in both, and the bottom/right row symmetric padding adds at even sizes is never reached. The explicit
    // padding must therefore change no value, only where it happens.
    [Theory]
    [InlineData(97)]
    [InlineData(224)]
    public void CntkSamePaddingComputesWhatSymmetricPaddingDoes(int size)
    {
        using var cntk = new ResNetBackbone(Cntk(DownsamplePadding.CntkSame));
        using var symmetric = new ResNetBackbone(Cntk(DownsamplePadding.Symmetric));
        Assert.Equal(cntk.state_dict().Keys, symmetric.state_dict().Keys);
        symmetric.load_state_dict(cntk.state_dict());
        cntk.eval();
        symmetric.eval();
        using var noGrad = no_grad();
        using var input = randn(2, 3, size, size);
        using var expected = symmetric.Features(input);
        using var actual = cntk.Features(input);
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-5), $"max difference {(actual - expected).abs().max().item<float>()}");
    }
}
