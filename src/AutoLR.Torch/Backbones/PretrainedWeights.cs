using static TorchSharp.torch;

namespace AutoLR.Torch.Backbones;

/// <summary>What <see cref="PretrainedWeights.LoadInto"/> did with each key of the source state dict.</summary>
/// <param name="Loaded">Keys copied into the backbone.</param>
/// <param name="SkippedPrunedBlocks">Keys of blocks this backbone's pruning removed.</param>
/// <param name="SkippedClassifier">Keys of the pre-trained classifier (<c>fc.*</c>), which retrieval does not use.</param>
public sealed record PretrainedLoadReport(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> SkippedPrunedBlocks,
    IReadOnlyList<string> SkippedClassifier);

/// <summary>Loads a full (unpruned) torchvision-named state dict into a possibly pruned backbone.</summary>
public static class PretrainedWeights
{
    /// <summary>
    /// Copies every backbone entry (parameters and BatchNorm buffers) from <paramref name="stateDict"/> by name.
    /// Keys of removed blocks and of the classifier are skipped and reported; any other unknown key, a missing key or
    /// a shape mismatch throws, because it means the weights are for another architecture.
    /// </summary>
    public static PretrainedLoadReport LoadInto(ResNetBackbone backbone, IReadOnlyDictionary<string, Tensor> stateDict)
    {
        var target = backbone.state_dict();
        var missing = target.Keys.Where(k => !stateDict.ContainsKey(k)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException(
                $"The pre-trained weights lack {missing.Length} key(s) that {backbone.Spec.Name} needs, e.g. '{missing[0]}'. " +
                "Check that the file is a torchvision-named state dict for this architecture.", nameof(stateDict));

        var pruned = new List<string>();
        var classifier = new List<string>();
        foreach (var key in stateDict.Keys.Where(k => !target.ContainsKey(k)))
        {
            if (backbone.RemovedBlockNames.Any(b => key.StartsWith(b + ".", StringComparison.Ordinal))) pruned.Add(key);
            else if (key.StartsWith("fc.", StringComparison.Ordinal)) classifier.Add(key);
            else
                throw new ArgumentException(
                    $"Pre-trained key '{key}' matches nothing in {backbone.Spec.Name} (and is neither a pruned block's nor the classifier's). " +
                    "Check the architecture the weights were exported from.", nameof(stateDict));
        }

        using (no_grad())
        {
            foreach (var (key, destination) in target)
            {
                var source = stateDict[key];
                if (!source.shape.SequenceEqual(destination.shape))
                    throw new ArgumentException(
                        $"Pre-trained '{key}' has shape [{string.Join(", ", source.shape)}] but {backbone.Spec.Name} expects " +
                        $"[{string.Join(", ", destination.shape)}].", nameof(stateDict));
                destination.copy_(source);
            }
        }
        return new PretrainedLoadReport(target.Keys.ToArray(), pruned, classifier);
    }
}
