using System.Diagnostics;
using AutoLR.Torch.Backbones;
using static TorchSharp.torch;

namespace AutoLR.Torch.Weights;

/// <summary>Weights imported from a pre-trained model, with how they were obtained.</summary>
/// <param name="StateDict">torchvision-named tensors (CPU); the caller owns and disposes them.</param>
/// <param name="Outcome">Whether the cache served them or they were converted.</param>
/// <param name="RebuildReason">Why a cache entry was rebuilt, when it was.</param>
/// <param name="Elapsed">Wall time of the import, conversion or cache read included.</param>
/// <param name="CacheFile">The cache entry that holds them.</param>
public sealed record ImportedWeights(
    Dictionary<string, Tensor> StateDict, CacheOutcome Outcome, string? RebuildReason, TimeSpan Elapsed, string CacheFile);

/// <summary>
/// The ImageNet ResNet-18 of Microsoft.ML.DnnImageFeaturizer.ResNet18 (a CNTK 2.6 export, 9 basic blocks
/// [2, 2, 2, 3], no classifier) as torchvision-named weights for <see cref="BackboneSpec.CntkResNet18"/>,
/// converted once per machine and then read from <see cref="PretrainedWeightCache"/>.
/// </summary>
public static class CntkResNet18Import
{
    /// <summary>Names the conversion in cache stamps; bump it whenever the mapping changes.</summary>
    private const string ConverterVersion = "cntk-resnet18-onnx/1";

    private static readonly Lazy<BackboneSpec> DefaultSpec = new(() => SpecFor(CntkResNet18Files.Default));

    /// <summary>The spec for the package's files next to the assemblies (read once, lazily).</summary>
    internal static BackboneSpec Default => DefaultSpec.Value;

    /// <summary>
    /// The backbone spec of this model: basic blocks [2, 2, 2, 3], stride-2 layers padded as CNTK does, input in
    /// BGR on 0–255 minus the per-pixel mean image of the preprocessing model, no std division.
    /// </summary>
    public static BackboneSpec SpecFor(CntkResNet18Files files) =>
        new("cntk-resnet18", BlockKind.Basic, [2, 2, 2, 3], DownsamplePadding.CntkSame, CntkPreprocessing.ReadInputConvention(files.Preprocess));

    /// <summary>The converted weights, from the cache when it holds a valid entry, else converted and cached.</summary>
    public static ImportedWeights Load(CntkResNet18Files? files = null, PretrainedWeightCache? cache = null)
    {
        files ??= CntkResNet18Files.Default;
        cache ??= new PretrainedWeightCache();
        var clock = Stopwatch.StartNew();
        OnnxModelFile.RequireExists(files.Model);
        const string entry = "cntk-resnet18";
        var (stateDict, outcome, reason) = cache.GetOrCreate(entry, files.Model, ConverterVersion, () => Convert(files.Model));
        return new ImportedWeights(stateDict, outcome, reason, clock.Elapsed, cache.EntryPath(entry));
    }

    /// <summary>
    /// A <see cref="ResNetBackbone"/> of <see cref="BackboneSpec.CntkResNet18"/> (or the spec of
    /// <paramref name="files"/>) holding the ImageNet weights, with its top <paramref name="pruningDepth"/> blocks
    /// removed. <c>Elapsed</c> covers the import (conversion or cache read) and the load into the module.
    /// </summary>
    public static (ResNetBackbone Backbone, CacheOutcome Outcome, TimeSpan Elapsed, WeightLoadReport Load) CreateBackbone(
        int pruningDepth = 0, CntkResNet18Files? files = null, PretrainedWeightCache? cache = null)
    {
        var clock = Stopwatch.StartNew();
        var spec = files is null ? BackboneSpec.CntkResNet18 : SpecFor(files);
        var imported = Load(files, cache);
        try
        {
            var backbone = new ResNetBackbone(spec, pruningDepth);
            var report = BackboneWeights.Load(backbone, imported.StateDict, imported.CacheFile);
            return (backbone, imported.Outcome, clock.Elapsed, report);
        }
        finally
        {
            foreach (var t in imported.StateDict.Values) t.Dispose();
        }
    }

    /// <summary>Converts the ONNX file without touching any cache.</summary>
    public static Dictionary<string, Tensor> Convert(string modelPath)
    {
        var model = OnnxModelFile.Read(modelPath);
        return CntkResNetWeightMap.ToStateDict(model, new CntkResNetGraph(model), CntkShape);
    }

    /// <summary>The architecture alone; the input convention needs the preprocessing model and is irrelevant to the mapping.</summary>
    private static BackboneSpec CntkShape { get; } =
        new("cntk-resnet18", BlockKind.Basic, [2, 2, 2, 3], DownsamplePadding.CntkSame, Data.InputConvention.TorchvisionImageNet);
}
