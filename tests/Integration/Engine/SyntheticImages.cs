using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Training;
using static TorchSharp.torch;

namespace AutoLR.Integration.Engine;

/// <summary>Small learnable data and networks for engine tests.</summary>
internal static class SyntheticImages
{
    /// <summary>ResNet with one basic block per stage: K = 4, fast at 32 px.</summary>
    public static BackboneSpec Tiny { get; } = BackboneSpec.ResNet18 with { Name = "resnet-tiny", BlocksPerStage = [1, 1, 1, 1] };

    /// <summary>
    /// <paramref name="count"/> images of <paramref name="classes"/> classes: each class is horizontal stripes of its own
    /// frequency and colour (so a left–right flip keeps the class), plus noise.
    /// </summary>
    public static InMemoryImageDataset Create(int count = 160, int classes = 4, int size = 32, long seed = 7)
    {
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        using var rows = arange(size, ScalarType.Float32).view(1, 1, size, 1);
        var images = new List<Tensor>();
        foreach (var c in labels)
        {
            using var stripes = (rows * (0.4f + 0.5f * c)).sin().expand(1, 3, size, size);
            using var colour = tensor(new[] { c % 2 == 0 ? 0.5f : -0.5f, c % 3 == 0 ? 0.5f : -0.5f, 0f }).view(1, 3, 1, 1);
            using var noise = randn([1, 3, size, size], generator: generator) * 0.3f;
            images.Add(stripes + colour + noise);
        }
        var batch = cat(images, 0);
        foreach (var image in images) image.Dispose();
        return new InMemoryImageDataset(batch, labels);
    }

    public static RetrievalNetwork Network(int classes = 4, long seed = 1, int depth = 0, HeadOptions? head = null) =>
        RetrievalNetwork.Create(Tiny, depth, classes, head ?? HeadOptions.Default, seed, CPU);

    public static TrainingOptions Options(long seed = 3) => new() { BatchSize = 16, Seed = seed };

    /// <summary>The usual engine test set-up: <paramref name="count"/> images, the default network, its trainer on the CPU.</summary>
    public static TinyTraining Training(int count = 160)
    {
        var data = Create(count);
        var network = Network();
        return new TinyTraining(data, network, new EpochTrainer(network, data, Options(), CPU));
    }
}

/// <summary>Data, network and trainer of one engine test, disposed together (trainer first, as it uses the others).</summary>
internal sealed record TinyTraining(InMemoryImageDataset Data, RetrievalNetwork Network, EpochTrainer Trainer) : IDisposable
{
    public void Dispose()
    {
        Trainer.Dispose();
        Network.Dispose();
        Data.Dispose();
    }
}
