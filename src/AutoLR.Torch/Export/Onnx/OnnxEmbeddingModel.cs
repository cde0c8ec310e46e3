using AutoLR.Torch.Backbones;
using AutoLR.Torch.Weights;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;
using G = AutoLR.Torch.Export.Onnx.OnnxGraphBuilder;

namespace AutoLR.Torch.Export.Onnx;

/// <summary>
/// A backbone as one ONNX model (opset 13) that maps the preprocessed input <c>input</c> [N, 3, H, W] (any N, H, W)
/// to the retrieval embedding <c>embedding</c> [N, d]: the kept blocks, global average pooling, the flipped image's
/// pooled output added when the protocol has the flip sum, L2 normalisation. The preprocessing (and everything else
/// in <see cref="ModelDescription"/>) is stated in the model's metadata under <see cref="DescriptionKey"/>.
/// </summary>
/// <remarks>
/// Every strided layer pads symmetrically by ⌊k/2⌋, also for backbones built with
/// <see cref="DownsamplePadding.CntkSame"/>: for odd windows at stride 2 CNTK's padding selects the same windows at
/// every input size (its lower padding is ⌊k/2⌋ and the upper cells it omits at even sizes are never reached), so
/// the graph stays independent of the input size.
/// </remarks>
public static class OnnxEmbeddingModel
{
    public const string FileName = "model.onnx";
    public const string InputName = "input";
    public const string OutputName = "embedding";
    public const string DescriptionKey = "autolr.model";
    private const long Opset = 13;

    // BatchNorm2d's epsilon in TorchSharp and torchvision.
    private const float BatchNormEpsilon = 1e-5f;

    /// <summary>Writes <paramref name="backbone"/> to <paramref name="path"/> with <paramref name="description"/> in its metadata.</summary>
    public static void Write(ResNetBackbone backbone, ModelDescription description, string path)
    {
        var model = Build(backbone, description);
        using var file = File.Create(path);
        model.WriteTo(file);
    }

    public static ModelProto Build(ResNetBackbone backbone, ModelDescription description)
    {
        var weights = backbone.state_dict();
        var g = new G($"autolr-{backbone.Spec.Name}-p{backbone.PruningDepth}");
        g.Graph.Input.Add(G.Value(InputName, "batch", 3, "height", "width"));

        var x = InputName;
        if (description.Embedding.FlipSum)
        {
            // Reversed along W: start at the last column, step −1 down to the first (INT64_MIN = "past the start").
            var flipped = g.Node("Slice", [x, g.Int64s("flip_starts", -1), g.Int64s("flip_ends", long.MinValue), g.Int64s("flip_axes", 3), g.Int64s("flip_steps", -1)]);
            x = g.Node("Concat", [x, flipped], G.Int("axis", 0));
        }

        x = Relu(g, BatchNorm(g, weights, "bn1", Conv(g, weights, "conv1.weight", x, 7, 2)));
        x = g.Node("MaxPool", [x], G.Ints("kernel_shape", 3, 3), G.Ints("strides", 2, 2), G.Ints("pads", 1, 1, 1, 1));
        for (var k = 0; k < backbone.Blocks.Count; k++)
            x = Block(g, weights, backbone.Spec.Block, backbone.BlockNames[k], x);
        var pooled = g.Node("Flatten", [g.Node("GlobalAveragePool", [x])], G.Int("axis", 1));

        if (description.Embedding.FlipSum)
        {
            // Rows 0..N−1 are the images, N..2N−1 their flips: [2, N, d] summed over the first axis.
            var halves = g.Node("Reshape", [pooled, g.Int64s("halves_shape", 2, -1, backbone.EmbeddingWidth)]);
            pooled = g.Node("ReduceSum", [halves, g.Int64s("halves_axis", 0)], G.Int("keepdims", 0));
        }
        g.NamedNode(OutputName, "LpNormalization", [pooled], G.Int("axis", 1), G.Int("p", 2));
        g.Graph.Output.Add(G.Value(OutputName, "batch", backbone.EmbeddingWidth));

        var model = new ModelProto
        {
            IrVersion = 8, ProducerName = "autolr", Graph = g.Graph,
            DocString = $"{backbone.Spec.Name}, top {backbone.PruningDepth} blocks removed: preprocessed image [N, 3, H, W] -> L2-normalised embedding [N, {backbone.EmbeddingWidth}]. " +
                        $"Preprocessing and protocol: metadata '{DescriptionKey}' (JSON).",
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = DescriptionKey, Value = description.ToJson() });
        return model;
    }

    private static string Block(G g, IReadOnlyDictionary<string, Tensor> weights, BlockKind kind, string name, string input)
    {
        var stride = TorchvisionStride(name);
        string x;
        if (kind == BlockKind.Basic)
        {
            x = Relu(g, BatchNorm(g, weights, $"{name}.bn1", Conv(g, weights, $"{name}.conv1.weight", input, 3, stride)));
            x = BatchNorm(g, weights, $"{name}.bn2", Conv(g, weights, $"{name}.conv2.weight", x, 3, 1));
        }
        else
        {
            // torchvision v1.5: the stride sits on the 3×3 convolution.
            x = Relu(g, BatchNorm(g, weights, $"{name}.bn1", Conv(g, weights, $"{name}.conv1.weight", input, 1, 1)));
            x = Relu(g, BatchNorm(g, weights, $"{name}.bn2", Conv(g, weights, $"{name}.conv2.weight", x, 3, stride)));
            x = BatchNorm(g, weights, $"{name}.bn3", Conv(g, weights, $"{name}.conv3.weight", x, 1, 1));
        }
        var shortcut = weights.ContainsKey($"{name}.downsample.0.weight")
            ? BatchNorm(g, weights, $"{name}.downsample.1", Conv(g, weights, $"{name}.downsample.0.weight", input, 1, stride))
            : input;
        return Relu(g, g.Node("Add", [x, shortcut]));
    }

    /// <summary>The first block of every stage but the first halves the image (torchvision's layout).</summary>
    private static long TorchvisionStride(string blockName) =>
        TorchvisionNames.ParseBlock(blockName + ".") is { Stage: > 1, Index: 0 } ? 2 : 1;

    private static string Conv(G g, IReadOnlyDictionary<string, Tensor> weights, string key, string input, long kernel, long stride)
    {
        var pad = kernel / 2;
        return g.Node("Conv", [input, g.Weight(key, weights[key])],
            G.Ints("kernel_shape", kernel, kernel), G.Ints("strides", stride, stride), G.Ints("pads", pad, pad, pad, pad));
    }

    private static string BatchNorm(G g, IReadOnlyDictionary<string, Tensor> weights, string prefix, string input) =>
        g.Node("BatchNormalization",
            [input, .. new[] { "weight", "bias", "running_mean", "running_var" }.Select(t => g.Weight($"{prefix}.{t}", weights[$"{prefix}.{t}"]))],
            G.Float("epsilon", BatchNormEpsilon));

    private static string Relu(G g, string input) => g.Node("Relu", [input]);
}
