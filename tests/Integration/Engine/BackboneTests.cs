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

    [Fact]
    public void TopLeftPaddedStemPoolingKeepsTheSpatialSize()
    {
        var spec = BackboneSpec.ResNet18 with { Pooling = StemPooling.TopLeftPadded, BlocksPerStage = [2, 2, 2, 3] };
        using var backbone = new ResNetBackbone(spec);
        Assert.Equal(9, backbone.Blocks.Count);
        Assert.Equal("layer4.2", backbone.BlockNames[^1]);
        using var embedding = backbone.forward(randn(1, 3, 64, 64));
        Assert.Equal([1, 512L], embedding.shape);
    }
}
