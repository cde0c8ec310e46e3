using AutoLR.Settings;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Data.Splits;
using AutoLR.Torch.Devices;
using AutoLR.Torch.Evaluation;
using AutoLR.Torch.Weights;
using static TorchSharp.torch;
using AutoLR.Torch.Training;

namespace AutoLR.Experiments;

/// <summary>
/// What every job builds from its settings before training, each part asked of the Torch layer: the device
/// (<see cref="ComputeDevice"/>), the backbone and its pre-trained weights (<see cref="PretrainedBackbones"/>), the data
/// set (<see cref="DatasetFactory"/>) and its class-disjoint validation split, a fresh network at a pruning depth
/// (<see cref="PretrainedNetwork.Create"/>) and its scores. Holds the pre-trained state dict (CPU) so that each depth of
/// Algorithm 1 starts from the same weights without importing them again; dispose it.
/// </summary>
public sealed class Experiment : IDisposable
{
    /// <summary>The Recall@K values every report shows (the paper's tables).</summary>
    public static readonly int[] RecallKs = [1, 2, 4, 8];

    private readonly LoadedBackbone _pretrained;

    private Experiment(RunSettings settings, Device device, LoadedBackbone pretrained, BackboneArchitecture spec, RetrievalDataset data)
    {
        Settings = settings;
        Device = device;
        _pretrained = pretrained;
        Spec = spec;
        Data = data;
    }

    public RunSettings Settings { get; }
    public Device Device { get; }
    /// <summary>The backbone's architecture, building its strided projections on the path the settings resolved.</summary>
    public BackboneArchitecture Spec { get; }
    public RetrievalDataset Data { get; }

    /// <summary>K of the unpruned backbone.</summary>
    public int BlockCount => Spec.BlockCount;

    /// <summary>Device, threads, weights and data from the settings; every expected failure becomes a <see cref="JobFailure"/>.</summary>
    public static Experiment Open(RunSettings settings, Action<string> log)
    {
        var device = JobFailure.Guard(() => ComputeDevice.Configure(settings.Get(DeviceSettings.Device), settings.Get(DeviceSettings.Threads)));
        var pretrained = JobFailure.Guard(() => PretrainedBackbones.Load(settings.Get(BackboneSettings.Backbone), settings.Get(BackboneSettings.Weights), log));
        try
        {
            var spec = pretrained.Spec with { Projection = StridedProjections.Parse(settings.Get(DeviceSettings.StridedProjectionPath)) ?? StridedProjection.Direct };
            if (settings.Get(DataSettings.ImageSize) < spec.MinimumInputSize)
                throw new JobFailure($"--image-size {settings.Get(DataSettings.ImageSize)} is too small for {spec.Name}: its last layer needs at least " +
                                     $"{spec.MinimumInputSize} px ({spec.InputSize} px is what its ImageNet weights were trained at); set --image-size {spec.MinimumInputSize} or more.");
            var options = DataSettings.Options(settings.Values);
            var data = JobFailure.Guard(() => DatasetFactory.Open(settings.Get(DataSettings.Dataset), settings.Get(DataSettings.DatasetPath), options, spec.Input));
            log($"data: {data.Train.Description} ({data.Train.Count} images, {data.Train.ClassCount} classes); " +
                (data.IsQueryGallery ? $"query {data.Query!.Count}, gallery {data.Gallery!.Count}" : $"test {data.Test!.Description} ({data.Test.Count} images)"));
            var skipped = data.Train.SkippedImages + (data.Test?.SkippedImages ?? 0) + (data.Query?.SkippedImages ?? 0) + (data.Gallery?.SkippedImages ?? 0);
            if (skipped > 0) log($"data: {skipped} unusable image file(s) left out (--skip-bad-images)");
            return new Experiment(settings, device, pretrained, spec, data);
        }
        catch
        {
            pretrained.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The training classes minus the validation classes, and the validation split (DESIGN.md §2), carved by
    /// <paramref name="seed"/> (a comparison's cells share one experiment and carve each seed's own).
    /// </summary>
    public (IRetrievalSplit Train, IRetrievalSplit Validation) CarveValidation(int seed)
    {
        var (train, validation) = JobFailure.Guard(() => ValidationSplit.Carve(Data.Train, Settings.Get(SelectionSettings.ValidationFraction), seed));
        return (train, validation);
    }

    /// <summary>
    /// A network with the pre-trained backbone at <paramref name="depth"/> and a fresh head for
    /// <paramref name="classCount"/> classes (<see cref="PretrainedNetwork.Create"/>: seeded, so the head is the same
    /// on every run and on resume); with --init random the backbone keeps the seeded random initialisation instead.
    /// </summary>
    public RetrievalNetwork NewNetwork(int depth, int classCount, int seed)
    {
        if (depth < 0 || depth >= BlockCount)
            throw new JobFailure($"Pruning depth {depth} is out of range: {Spec.Name} has {BlockCount} blocks, so use 0..{BlockCount - 1} (--pruning-depth).");
        return Settings.Get(BackboneSettings.Init) == BackboneSettings.RandomInit
            ? JobFailure.Guard(() => RetrievalNetwork.Create(Spec, depth, classCount, HeadOptions.Default, seed, Device))
            : JobFailure.Guard(() => PretrainedNetwork.Create(Spec, depth, _pretrained.StateDict, _pretrained.Source, classCount, HeadOptions.Default, seed, Device));
    }

    /// <summary>Recall@K on one split, every image a query against the others.</summary>
    public RecallScores Score(Backbone backbone, IImageDataset split, CancellationToken cancellation)
    {
        var embeddings = Extractor.Extract(backbone, split, cancellation: cancellation);
        return BlockedRecallAtK.SelfExcluded(embeddings, split.Labels, UsableKs(split.Count - 1), Device);
    }

    /// <summary>Recall@K on the test classes: all-against-all, or query against gallery (In-shop).</summary>
    public RecallScores ScoreTest(Backbone backbone, CancellationToken cancellation)
    {
        if (!Data.IsQueryGallery) return Score(backbone, Data.Test!, cancellation);
        var queries = Extractor.Extract(backbone, Data.Query!, cancellation: cancellation);
        var gallery = Extractor.Extract(backbone, Data.Gallery!, cancellation: cancellation);
        return BlockedRecallAtK.QueryGallery(queries, Data.Query!.Labels, gallery, Data.Gallery!.Labels, UsableKs(Data.Gallery.Count), Device);
    }

    /// <summary>The evaluation protocol's extractor, shared with `embed` so its files score as `evaluate` does.</summary>
    /// <remarks>It sums each embedding with the flipped image's when <see cref="EvaluationSettings.EvalFlip"/> (the paper's protocol).</remarks>
    public EmbeddingExtractor Extractor =>
        new(EmbeddingExtractor.EvaluationBatch(Settings.Get(DataSettings.ImageSize), Settings.Get(TrainingSettings.BatchSize)), Device, Settings.Get(EvaluationSettings.EvalFlip));

    private static int[] UsableKs(int neighbours)
    {
        var ks = RecallKs.Where(k => k <= neighbours).ToArray();
        return ks.Length > 0 ? ks : throw new JobFailure($"The split has too few images for Recall@1 ({neighbours + 1}); use more images per class.");
    }

    public void Dispose() => _pretrained.Dispose();
}
