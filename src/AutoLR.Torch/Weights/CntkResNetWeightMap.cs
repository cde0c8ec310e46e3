using AutoLR.Torch.Backbones;
using Onnx;
using static TorchSharp.torch;

namespace AutoLR.Torch.Weights;

/// <summary>
/// Turns the initializers of a CNTK ResNet export into a torchvision-named state dict, by each initializer's place
/// in the graph (<see cref="CntkResNetGraph"/>), never by its CNTK name (<c>Parameter91</c>, <c>Constant98</c> say
/// nothing about their role). The stem pair becomes <c>conv1</c>/<c>bn1</c>; block b's main-path pairs
/// <c>{prefix}.conv{k}</c>/<c>{prefix}.bn{k}</c> and its projection <c>{prefix}.downsample.0</c>/<c>.1</c>, with the
/// prefix from <see cref="TorchvisionNames.BlockPrefix"/> for the spec's blocks per stage.
/// ONNX BatchNormalization's inputs (X, scale, B, mean, var) are torch's (weight, bias, running_mean, running_var);
/// inference-mode BN is the same formula in both, so no folding is needed. CNTK keeps no step counter, so
/// <c>num_batches_tracked</c> is written as 0.
/// </summary>
internal static class CntkResNetWeightMap
{
    /// <summary>torch's BatchNorm2d epsilon; an export with another epsilon would need it carried into the module.</summary>
    private const float TorchBatchNormEpsilon = 1e-5f;

    public static Dictionary<string, Tensor> ToStateDict(OnnxModelFile model, CntkResNetGraph graph, BackboneSpec spec)
    {
        if (graph.Blocks.Count != spec.BlockCount)
            throw new WeightImportException($"{model.Path}: the graph has {graph.Blocks.Count} residual blocks, {spec.Name} expects {spec.BlockCount} ([{string.Join(", ", spec.BlocksPerStage)}]). Import it with the spec of the architecture it holds.");
        var expectedMainConvs = spec.Block == BlockKind.Basic ? 2 : 3;
        CntkResNetGeometry.Check(model, graph);

        var assignments = new List<(string Conv, string BatchNorm, ConvBatchNorm Pair)> { ("conv1", "bn1", graph.Stem) };
        for (var b = 0; b < graph.Blocks.Count; b++)
        {
            var prefix = TorchvisionNames.BlockPrefix(spec, b);
            var block = graph.Blocks[b];
            if (block.MainPath.Count != expectedMainConvs)
                throw new WeightImportException($"{model.Path}: block {b} ({prefix}) has {block.MainPath.Count} convolutions on its main path; {spec.Block} blocks of {spec.Name} have {expectedMainConvs}.");
            for (var k = 0; k < block.MainPath.Count; k++)
                assignments.Add(($"{prefix}.conv{k + 1}", $"{prefix}.bn{k + 1}", block.MainPath[k]));
            if (block.Shortcut is { } shortcut)
                assignments.Add(($"{prefix}.downsample.0", $"{prefix}.downsample.1", shortcut));
        }

        var stateDict = new Dictionary<string, Tensor>();
        var used = new HashSet<string>();
        foreach (var (convName, bnName, pair) in assignments)
        {
            CheckBatchNorm(model, pair.BatchNorm);
            Take(pair.Conv.Input[1], $"{convName}.weight");
            for (var i = 0; i < TorchvisionNames.BatchNormTensors.Length; i++)
                Take(pair.BatchNorm.Input[i + 1], $"{bnName}.{TorchvisionNames.BatchNormTensors[i]}");
            stateDict[$"{bnName}.{TorchvisionNames.BatchCounter}"] = tensor(0L);
        }

        var unmapped = model.Initializers.Keys.Where(k => !used.Contains(k)).Order().ToList();
        if (unmapped.Count > 0)
        {
            foreach (var t in stateDict.Values) t.Dispose();
            throw new WeightImportException($"{model.Path}: {unmapped.Count} initializers have no place in {spec.Name}: {string.Join(", ", unmapped.Select(n => $"{n} [{string.Join("x", model.Initializers[n].Dims)}]"))}. The file holds more than a CNTK ResNet backbone; restore the original from its NuGet package.");
        }
        return stateDict;

        void Take(string initializer, string key)
        {
            if (!used.Add(initializer))
                throw new WeightImportException($"{model.Path}: initializer '{initializer}' feeds two layers (second: {key}); a ResNet shares no weights, so this is a different export.");
            stateDict[key] = model.FloatInitializer(initializer);
        }
    }

    private static void CheckBatchNorm(OnnxModelFile model, NodeProto bn)
    {
        var epsilon = bn.Float("epsilon", 1e-5f);
        if (Math.Abs(epsilon - TorchBatchNormEpsilon) > 1e-9f)
            throw new WeightImportException($"{model.Path}: {bn.Describe()} uses epsilon {epsilon}; the backbone's BatchNorm uses {TorchBatchNormEpsilon}, so outputs would differ. This importer supports epsilon 1e-5 only.");
        if (bn.Int("spatial", 1) != 1)
            throw new WeightImportException($"{model.Path}: {bn.Describe()} is not spatial (per-channel) BatchNorm; torch's BatchNorm2d is, so this export cannot be mapped.");
        if (bn.Input.Count != 5)
            throw new WeightImportException($"{model.Path}: {bn.Describe()} has {bn.Input.Count} inputs, expected 5 (X, scale, B, mean, var).");
    }
}
