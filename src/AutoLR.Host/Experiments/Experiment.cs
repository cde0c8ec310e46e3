using AutoLR.Host.Configuration;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Data.Splits;
using AutoLR.Torch.Devices;
using AutoLR.Torch.Evaluation;
using AutoLR.Torch.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoLR.Host.Experiments;

/// <summary>
/// What every job builds from its settings before training: the device, the data set (and the class-disjoint
/// validation split), the backbone's architecture and pre-trained weights, and how to make a fresh network at a
/// pruning depth and score one. Holds the pre-trained state dict (CPU) so that each depth of Algorithm 1 starts from
/// the same weights without importing them again; dispose it.
/// </summary>
public sealed class Experiment : IDisposable
{
    /// <summary>The Recall@K values every report shows (the paper's tables).</summary>
    public static readonly int[] RecallKs = [1, 2, 4, 8];

    private readonly Dictionary<string, Tensor> _pretrained;
    private readonly string _weightsSource;

    private Experiment(RunSettings settings, Device device, BackboneSpec spec, Dictionary<string, Tensor> pretrained,
        string weightsSource, RetrievalDataset data)
    {
        Settings = settings;
        Device = device;
        Spec = spec;
        _pretrained = pretrained;
        _weightsSource = weightsSource;
        Data = data;
    }

    public RunSettings Settings { get; }
    public Device Device { get; }
    public BackboneSpec Spec { get; }
    public RetrievalDataset Data { get; }

    /// <summary>K of the unpruned backbone.</summary>
    public int BlockCount => Spec.BlockCount;

    /// <summary>Device, threads, weights and data from the settings; every expected failure becomes a <see cref="JobFailure"/>.</summary>
    public static Experiment Open(RunSettings settings, Action<string> log)
    {
        var device = JobFailure.Guard(() => DeviceSetting.Parse(settings.Training.Device));
        // Process-wide in libtorch; set before any tensor work so every epoch runs with the same parallelism.
        if (settings.Training.Threads > 0) torch.set_num_threads(settings.Training.Threads);

        var (spec, pretrained, source) = JobFailure.Guard(() => LoadBackbone(settings.Backbone, log));
        try
        {
            var options = new DatasetOptions
            {
                ImageSize = settings.Training.ImageSize,
                ImagesPerClass = settings.Data.ImagesPerClass == 0 ? null : settings.Data.ImagesPerClass,
                SkipBadImages = settings.Data.SkipBadImages,
                MaxImagePixels = settings.Data.MaxImagePixels,
            };
            var data = JobFailure.Guard(() => DatasetFactory.Open(settings.Data.Dataset, settings.Data.ResolvedPath, options, spec.Input));
            log($"data: {data.Train.Description} ({data.Train.Count} images, {data.Train.ClassCount} classes); " +
                (data.IsQueryGallery ? $"query {data.Query!.Count}, gallery {data.Gallery!.Count}" : $"test {data.Test!.Description} ({data.Test.Count} images)"));
            var skipped = data.Train.SkippedImages + (data.Test?.SkippedImages ?? 0) + (data.Query?.SkippedImages ?? 0) + (data.Gallery?.SkippedImages ?? 0);
            if (skipped > 0) log($"data: {skipped} unusable image file(s) left out (--skip-bad-images)");
            return new Experiment(settings, device, spec, pretrained, source, data);
        }
        catch
        {
            foreach (var t in pretrained.Values) t.Dispose();
            throw;
        }
    }

    private static (BackboneSpec, Dictionary<string, Tensor>, string) LoadBackbone(BackboneSettings settings, Action<string> log)
    {
        if (settings.Backbone == BackboneSettings.Shipped && settings.Weights.Length == 0)
        {
            var imported = CntkResNet18Import.Load();
            log($"weights: ImageNet ResNet-18 (CNTK) {imported.Outcome.ToString().ToLowerInvariant()} from {imported.CacheFile} in {imported.Elapsed.TotalSeconds:F1} s");
            return (BackboneSpec.CntkResNet18, imported.StateDict, imported.CacheFile);
        }
        var spec = BackboneSpecs.For(settings.Backbone);
        log($"weights: {settings.Weights}");
        return (spec, StateDictFile.Read(settings.Weights), settings.Weights);
    }

    /// <summary>The training classes minus the validation classes, and the validation split (DESIGN.md §2).</summary>
    public (IRetrievalSplit Train, IRetrievalSplit Validation) CarveValidation()
    {
        var (train, validation) = JobFailure.Guard(() =>
            ValidationSplit.Carve(Data.Train, Settings.Data.ValidationFraction, Settings.Training.Seed));
        return (train, validation);
    }

    /// <summary>
    /// A network with the pre-trained backbone at <paramref name="depth"/> and a fresh head for
    /// <paramref name="classCount"/> classes. torch's generator is seeded first, so the head (and any drawn weight)
    /// is the same on every run and on resume.
    /// </summary>
    public RetrievalNetwork NewNetwork(int depth, int classCount, int seed)
    {
        if (depth < 0 || depth >= BlockCount)
            throw new JobFailure($"Pruning depth {depth} is out of range: {Spec.Name} has {BlockCount} blocks, so use 0..{BlockCount - 1} (--pruning-depth).");
        torch.random.manual_seed(seed);
        var backbone = new ResNetBackbone(Spec, depth);
        JobFailure.Guard(() => BackboneWeights.Load(backbone, _pretrained, _weightsSource));
        var network = new RetrievalNetwork(backbone, HeadOptions.Default, classCount);
        network.to(Device);
        return network;
    }

    /// <summary>Recall@K on one split, every image a query against the others.</summary>
    public RecallScores Score(ResNetBackbone backbone, IImageDataset split, CancellationToken cancellation)
    {
        var embeddings = Extractor.Extract(backbone, split, cancellation: cancellation);
        return BlockedRecallAtK.SelfExcluded(embeddings, split.Labels, UsableKs(split.Count - 1), Device);
    }

    /// <summary>Recall@K on the test classes: all-against-all, or query against gallery (In-shop).</summary>
    public RecallScores ScoreTest(ResNetBackbone backbone, CancellationToken cancellation)
    {
        if (!Data.IsQueryGallery) return Score(backbone, Data.Test!, cancellation);
        var queries = Extractor.Extract(backbone, Data.Query!, cancellation: cancellation);
        var gallery = Extractor.Extract(backbone, Data.Gallery!, cancellation: cancellation);
        return BlockedRecallAtK.QueryGallery(queries, Data.Query!.Labels, gallery, Data.Gallery!.Labels, UsableKs(Data.Gallery.Count), Device);
    }

    private EmbeddingExtractor Extractor => new(Math.Max(64, Settings.Training.BatchSize), Device);

    private static int[] UsableKs(int neighbours)
    {
        var ks = RecallKs.Where(k => k <= neighbours).ToArray();
        return ks.Length > 0 ? ks : throw new JobFailure($"The split has too few images for Recall@1 ({neighbours + 1}); use more images per class.");
    }

    public void Dispose()
    {
        foreach (var t in _pretrained.Values) t.Dispose();
    }
}
