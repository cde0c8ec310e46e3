using AutoLR.Torch.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoLR.Torch.Weights;

/// <summary>What a load put into the backbone and what it left out on purpose.</summary>
/// <param name="Loaded">Tensors copied into the backbone.</param>
/// <param name="IgnoredRemovedBlocks">Keys of blocks the spec has but the (pruned) backbone removed.</param>
/// <param name="IgnoredClassifier">The classifiers' keys (<c>fc.*</c>, Inception's <c>AuxLogits.*</c>); backbones here have no classifier.</param>
/// <param name="CountersKept">BatchNorm <c>num_batches_tracked</c> counters the file lacked; the backbone's were kept.</param>
public sealed record WeightLoadReport(
    int Loaded, IReadOnlyList<string> IgnoredRemovedBlocks, IReadOnlyList<string> IgnoredClassifier, IReadOnlyList<string> CountersKept);

/// <summary>
/// Puts torchvision-named weights into a backbone by name, and saves a backbone's weights for PyTorch.
/// Loading is all or nothing: every missing key, unexpected key and shape mismatch is collected into one
/// <see cref="WeightImportException"/> before anything is copied. Two kinds of keys are skipped on purpose and
/// reported: those of blocks a pruned backbone no longer has (its top blocks), and the classifiers that torchvision
/// files carry (<c>fc.*</c>, and Inception-v3's auxiliary classifier <c>AuxLogits.*</c>). A missing <c>num_batches_tracked</c> is tolerated, as PyTorch tolerates it,
/// because it is a step counter, not a weight.
/// </summary>
public static class BackboneWeights
{
    /// <summary>Reads <paramref name="path"/> (.safetensors, .pt, .pth, .bin) into <paramref name="backbone"/>.</summary>
    public static WeightLoadReport LoadFile(Backbone backbone, string path)
    {
        var stateDict = StateDictFile.Read(path);
        try { return Load(backbone, stateDict, path); }
        finally { foreach (var t in stateDict.Values) t.Dispose(); }
    }

    /// <summary>
    /// Copies <paramref name="source"/>, the weights of the whole (unpruned) architecture, into
    /// <paramref name="backbone"/>, which may have top blocks removed. <paramref name="sourceName"/> names the origin
    /// (a file) in errors.
    /// </summary>
    public static WeightLoadReport Load(Backbone backbone, IReadOnlyDictionary<string, Tensor> source, string sourceName)
    {
        var spec = backbone.Architecture;
        var target = backbone.state_dict();
        var removedLayers = spec.Layout.Removed(backbone.PruningDepth);
        bool InRemovedBlock(string key) => removedLayers.Any(l => l.Owns(key));
        bool Under(string key, string module) => key.StartsWith(module + ".", StringComparison.Ordinal);
        bool IsClassifier(string key) => spec.Classifiers.Any(c => Under(key, c) && !target.Keys.Any(k => Under(k, c)));
        bool IsCounter(string key) => key.EndsWith("." + TorchvisionNames.BatchCounter, StringComparison.Ordinal);

        var removed = source.Keys.Where(InRemovedBlock).Order().ToList();
        var classifier = source.Keys.Where(IsClassifier).Order().ToList();
        var unexpected = source.Keys.Where(k => !target.ContainsKey(k) && !InRemovedBlock(k) && !IsClassifier(k)).Order().ToList();
        var countersKept = target.Keys.Where(k => !source.ContainsKey(k) && IsCounter(k)).Order().ToList();
        var missing = target.Keys.Where(k => !source.ContainsKey(k) && !IsCounter(k)).Order().ToList();
        var mismatched = target.Keys.Where(k => source.TryGetValue(k, out var s) && !s.shape.SequenceEqual(target[k].shape))
            .Order().Select(k => $"{k}: file [{string.Join(", ", source[k].shape)}], backbone [{string.Join(", ", target[k].shape)}]").ToList();

        if (missing.Count + unexpected.Count + mismatched.Count > 0)
        {
            var kept = backbone.PruningDepth == 0 ? "" : $", top {backbone.PruningDepth} of {spec.BlockCount} blocks removed";
            throw new WeightImportException(
                $"{sourceName}: does not fit {spec.Name} ({spec.Describe()}{kept}); nothing was loaded." +
                Listed(missing, "missing keys (in the backbone, not in the file)") +
                Listed(unexpected, "unexpected keys (in the file, not in the backbone)") +
                Listed(mismatched, "shape mismatches") +
                $"\nThe file holds {TorchvisionNames.DescribeArchitecture(source.Keys)}. Load it into the architecture it was saved from, or use a file saved from a {spec.Name} (torchvision names).");
        }

        using (no_grad())
        {
            foreach (var (key, destination) in target)
                if (source.TryGetValue(key, out var value))
                    destination.copy_(value.to(destination.dtype, destination.device));
        }
        return new WeightLoadReport(target.Count - countersKept.Count, removed, classifier, countersKept);
    }

    /// <summary>
    /// Writes the backbone's weights (torchvision names, CPU, contiguous, float32; counters int64) to
    /// <paramref name="path"/>: <c>.safetensors</c>, or a torch.save'd state dict for <c>.pt</c>/<c>.pth</c>/<c>.bin</c>.
    /// PyTorch loads either into a torchvision model of the same architecture: with <c>strict=True</c> when the
    /// model's <c>fc</c> is <c>nn.Identity()</c> (and, for Inception-v3, <c>aux_logits=False</c>) and no block was
    /// removed, else with <c>strict=False</c>.
    /// </summary>
    public static void Save(Backbone backbone, string path) => StateDictFile.Write(path, backbone.state_dict());

    private static string Listed(IReadOnlyList<string> items, string what) =>
        items.Count == 0 ? "" :
        $"\n{items.Count} {what}: {string.Join(", ", items)}";
}
