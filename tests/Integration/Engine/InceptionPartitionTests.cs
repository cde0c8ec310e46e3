using AutoLR.Torch.Backbones;
using AutoLR.Torch.Backbones.Inception;
using static TorchSharp.torch;

namespace AutoLR.Integration.Engine;

[Collection(TorchGlobalStateCollection.Name)]
public class InceptionPartitionTests
{
    private static readonly string[] PaperLayers =
    [
        "Conv2d_1a-2b", "Conv2d_3b-4a", "Mixed_5b", "Mixed_5c", "Mixed_5d", "Mixed_6a", "Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_6e",
        "Mixed_7a", "Mixed_7b", "Mixed_7c",
    ];

    [Fact]
    public void The_13_layers_of_the_paper_cover_every_parameter_once_and_measure_every_convolution()
    {
        using var network = new RetrievalNetwork(InceptionV3Spec.Default.Build(), HeadOptions.Default, 4);
        var partition = network.Partition;
        Assert.Equal(PaperLayers, partition.BlockNames);
        Assert.Empty(partition.Stem.Parameters);
        var grouped = partition.Groups.SelectMany(g => g.Parameters.Select(p => p.Name)).ToArray();
        Assert.Equal(network.named_parameters().Select(p => p.name).OrderBy(n => n), grouped.OrderBy(n => n));
        Assert.Equal(grouped.Length, grouped.Distinct().Count());
        Assert.Equal(
            ["backbone.Conv2d_1a_3x3.conv.weight", "backbone.Conv2d_2a_3x3.conv.weight", "backbone.Conv2d_2b_3x3.conv.weight"],
            partition.Blocks[0].VariationWeights.Select(w => w.Name));
        foreach (var block in partition.Blocks)
            Assert.Equal(block.Parameters.Where(p => p.Name.EndsWith(".conv.weight")).Select(p => p.Name), block.VariationWeights.Select(w => w.Name));
        Assert.Equal(2048, network.Backbone.EmbeddingWidth);
    }

    [Theory]
    [InlineData(2, "Mixed_7a", 1280)]
    [InlineData(3, "Mixed_6e", 768)]
    [InlineData(12, "Conv2d_1a-2b", 64)]
    public void Pruning_removes_the_top_layers(int depth, string last, long width)
    {
        using var backbone = InceptionV3Spec.Default.Build(depth);
        Assert.Equal(last, backbone.BlockNames[^1]);
        Assert.Equal(PaperLayers.TakeLast(depth), backbone.RemovedBlockNames);
        Assert.DoesNotContain(backbone.state_dict().Keys, k => backbone.RemovedBlockNames.Any(r => k.StartsWith(r + ".")));
        using var embedding = backbone.forward(randn(2, 3, 75, 75));
        Assert.Equal([2, width], embedding.shape);
    }
}
