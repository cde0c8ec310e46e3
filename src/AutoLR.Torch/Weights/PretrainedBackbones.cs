using AutoLR.Torch.Backbones;
using AutoLR.Torch.Backbones.Inception;
using static TorchSharp.torch;

namespace AutoLR.Torch.Weights;

/// <summary>Pre-trained weights that ship with the build, and how to say where they came from in a log.</summary>
/// <param name="Description">What they are, e.g. "ImageNet ResNet-18 (CNTK)".</param>
/// <param name="Load">Imports them (from the cache when it holds them).</param>
public sealed record ShippedWeights(string Description, Func<ImportedWeights> Load);

/// <summary>A backbone that <c>--backbone</c> names.</summary>
/// <param name="Name">Its configuration name.</param>
/// <param name="Spec">Its architecture (a function: a spec may read a file on first use).</param>
/// <param name="Shipped">Its shipped weights, or null when the user must give a weights file.</param>
public sealed record PretrainedBackbone(string Name, Func<BackboneArchitecture> Spec, ShippedWeights? Shipped);

/// <summary>A backbone's architecture with the pre-trained weights it starts from (CPU, torchvision names); dispose it.</summary>
/// <param name="Spec">The architecture.</param>
/// <param name="StateDict">The weights of the whole (unpruned) architecture.</param>
/// <param name="Source">Where the weights came from (a file, a cache entry), for error messages.</param>
public sealed record LoadedBackbone(BackboneArchitecture Spec, Dictionary<string, Tensor> StateDict, string Source) : IDisposable
{
    public void Dispose()
    {
        foreach (var tensor in StateDict.Values) tensor.Dispose();
    }
}

/// <summary>
/// Every backbone, registered once, here (timm's model registry): the command line's choices, its help and its
/// validation read this list. A new backbone is its <see cref="BackboneArchitecture"/> (module and layer layout)
/// and one line below.
/// </summary>
public static class PretrainedBackbones
{
    public static IReadOnlyList<PretrainedBackbone> All { get; } =
    [
        new("cntk-resnet18", () => BackboneSpec.CntkResNet18, new("ImageNet ResNet-18 (CNTK)", () => CntkResNet18Import.Load())),
        new("resnet18", () => BackboneSpec.ResNet18, null),
        new("resnet34", () => BackboneSpec.ResNet34, null),
        new("resnet50", () => BackboneSpec.ResNet50, null),
        new("resnet101", () => BackboneSpec.ResNet101, null),
        new("inception-v3", () => InceptionV3Spec.Default, null),
    ];

    /// <summary>The configuration names, in the order help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(b => b.Name).ToArray();

    /// <summary>The backbone of a configuration name (exact); the error lists the names.</summary>
    public static PretrainedBackbone Find(string name) =>
        All.FirstOrDefault(b => b.Name == name)
        ?? throw new ArgumentException($"Backbone '{name}' is unknown; use one of {string.Join(", ", Names)}.", nameof(name));

    /// <summary>
    /// The architecture of <paramref name="name"/> with its weights: read from <paramref name="weightsFile"/> when it
    /// is given (safetensors, torchvision names), else the shipped ones. <paramref name="log"/> says which.
    /// </summary>
    public static LoadedBackbone Load(string name, string weightsFile, Action<string> log)
    {
        var backbone = Find(name);
        if (weightsFile.Length == 0)
        {
            if (backbone.Shipped is null)
                throw new ArgumentException($"No pre-trained weights ship for {name}; give a safetensors file (torchvision names).", nameof(weightsFile));
            var imported = backbone.Shipped.Load();
            log($"weights: {backbone.Shipped.Description} {imported.Outcome.ToString().ToLowerInvariant()} from {imported.CacheFile} in {imported.Elapsed.TotalSeconds:F1} s");
            return new LoadedBackbone(backbone.Spec(), imported.StateDict, imported.CacheFile);
        }
        var spec = backbone.Spec();
        log($"weights: {weightsFile}");
        return new LoadedBackbone(spec, StateDictFile.Read(weightsFile), weightsFile);
    }
}
