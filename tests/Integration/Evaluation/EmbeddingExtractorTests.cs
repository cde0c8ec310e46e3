using AutoLR.Torch.Data;
using AutoLR.Torch.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoLR.Integration.Evaluation;

[Collection(TorchGlobalStateCollection.Name)]
public class EmbeddingExtractorTests
{
    private const int ImageCount = 23;

    // BatchNorm and Dropout make train mode visible: in train mode the output would depend on the batch and on chance.
    private static nn.Module<Tensor, Tensor> TinyBackbone()
    {
        random.manual_seed(7);
        return nn.Sequential(
            nn.Conv2d(3, 6, 3, padding: 1),
            nn.BatchNorm2d(6),
            nn.ReLU(),
            nn.Dropout(0.5),
            nn.Conv2d(6, 10, 3, stride: 2),
            nn.AdaptiveAvgPool2d(1),
            nn.Flatten());
    }

    private static InMemoryImageDataset Images()
    {
        using var generator = new Generator(3);
        var images = randn([ImageCount, 3, 9, 11], generator: generator);
        return new InMemoryImageDataset(images, Enumerable.Range(0, ImageCount).Select(i => i % 4).ToArray());
    }

    private static Tensor AsTensor(Embeddings embeddings) => embeddings.ToTensor();

    [Fact]
    public void RowsAreUnitLength()
    {
        using var backbone = TinyBackbone();
        using var images = Images();
        var embeddings = new EmbeddingExtractor(batchSize: 5, CPU).Extract(backbone, images);
        Assert.Equal((ImageCount, 10), (embeddings.Count, embeddings.Dimension));
        using var norms = AsTensor(embeddings).norm(1);
        Assert.True(norms.allclose(ones(ImageCount), rtol: 0, atol: 1e-5), $"row norms {string.Join(", ", norms.data<float>().ToArray())}");
    }

    [Fact]
    public void FlippedSumEqualsTheManualComputation()
    {
        using var backbone = TinyBackbone();
        using var images = Images();
        var extracted = new EmbeddingExtractor(batchSize: 4, CPU, addFlipped: true).Extract(backbone, images);

        backbone.eval();
        using var _ = no_grad();
        using var all = images.GetBatch(Enumerable.Range(0, ImageCount).Select(i => (long)i).ToArray());
        using var expected = nn.functional.normalize(backbone.call(all) + backbone.call(all.flip(3)), p: 2, dim: 1);
        using var actual = AsTensor(extracted);
        Assert.True(actual.allclose(expected, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void BatchSizeDoesNotChangeTheEmbeddings()
    {
        using var backbone = TinyBackbone();
        using var images = Images();
        using var whole = AsTensor(new EmbeddingExtractor(ImageCount, CPU, addFlipped: true).Extract(backbone, images));
        foreach (var batchSize in new[] { 1, 4, 7, 100 })
        {
            using var batched = AsTensor(new EmbeddingExtractor(batchSize, CPU, addFlipped: true).Extract(backbone, images));
            Assert.True(batched.allclose(whole, rtol: 0, atol: 1e-5), $"batch size {batchSize} changed the embeddings");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BackboneModeIsRestoredAndRunningStatisticsUntouched(bool training)
    {
        using var backbone = TinyBackbone();
        using var images = Images();
        backbone.train(training);
        var statistics = backbone.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var progress = new List<(int Done, int Total)>();

        new EmbeddingExtractor(batchSize: 10, CPU).Extract(backbone, images, (done, total) => progress.Add((done, total)));

        Assert.Equal(training, backbone.training);
        Assert.All(backbone.modules(), module => Assert.Equal(training, module.training));
        TensorAssert.IdenticalEntries(statistics, backbone.state_dict(), " after extraction");
        Assert.Equal([(10, ImageCount), (20, ImageCount), (ImageCount, ImageCount)], progress);
    }

    [Fact]
    public void ABackboneOnAnotherDeviceIsRefusedWithTheFix()
    {
        // Only CPU exists here: a device index that no parameter has stands in for "elsewhere".
        using var backbone = TinyBackbone();
        using var images = Images();
        var extractor = new EmbeddingExtractor(batchSize: 4, new Device(DeviceType.CPU, 1));
        var error = Assert.Throws<ArgumentException>(() => extractor.Extract(backbone, images));
        Assert.Contains("backbone.to(", error.Message);
    }
}
