using Onnx;

namespace AutoLR.Torch.Weights;

/// <summary>
/// Checks that the strides and paddings of a CNTK ResNet graph are those <see cref="Backbones.ResNetBackbone"/>
/// computes, so weights never land in a layer that slides differently. CNTK pads "same" convolutions unevenly
/// where the stride is 2: the 7×7 stem pads [3, 3, 2, 2] (top, left, bottom, right), stride-2 3×3 convolutions and
/// the stem max-pool pad [1, 1, 0, 0] (<see cref="Backbones.StemPooling.TopLeftPadded"/>). For even input sizes
/// (224 and every size the stages halve to) those windows are the ones symmetric padding gives, because the extra
/// bottom/right row is never reached; for odd sizes they are not.
/// </summary>
internal static class CntkResNetGeometry
{
    public static void Check(OnnxModelFile model, CntkResNetGraph graph)
    {
        var problems = new List<string>();
        Expect(graph.Stem.Conv, stride: 2, pads: [3, 3, 2, 2]);
        Expect(graph.StemPool, stride: 2, pads: [1, 1, 0, 0]);
        for (var b = 0; b < graph.Blocks.Count; b++)
        {
            // A block with a projection shortcut is the first of a stage; after the stem's stage it halves the size.
            var block = graph.Blocks[b];
            var stride = block.Shortcut is null || b == 0 ? 1 : 2;
            for (var k = 0; k < block.MainPath.Count; k++)
            {
                var conv = block.MainPath[k].Conv;
                var kernel = conv.Ints("kernel_shape", [])[0];
                // The stride sits on the 3×3 convolution (conv1 in a basic block, conv2 in a bottleneck, as torchvision).
                var convStride = kernel == 3 && (k == 0 || block.MainPath.Count == 3) ? stride : 1;
                var pad = kernel / 2;
                Expect(conv, convStride, convStride == 2 ? [pad, pad, 0, 0] : [pad, pad, pad, pad]);
            }
            if (block.Shortcut is { } shortcut) Expect(shortcut.Conv, stride, [0, 0, 0, 0]);
        }
        if (problems.Count > 0)
            throw new WeightImportException($"{model.Path}: the layers slide differently from the backbone's: {string.Join("; ", problems)}. This is not the CNTK ResNet export the importer reads; restore ResNet18.onnx from NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1.");

        void Expect(NodeProto node, long stride, long[] pads)
        {
            var strides = node.Ints("strides", [1, 1]);
            var actualPads = node.Ints("pads", [0, 0, 0, 0]);
            var dilations = node.Ints("dilations", [1, 1]);
            if (!strides.All(s => s == stride) || !actualPads.SequenceEqual(pads) || dilations.Any(d => d != 1) || node.Int("group", 1) != 1)
                problems.Add($"{node.Describe()} has strides [{string.Join(", ", strides)}], pads [{string.Join(", ", actualPads)}], dilations [{string.Join(", ", dilations)}], group {node.Int("group", 1)}; expected stride {stride}, pads [{string.Join(", ", pads)}], no dilation, group 1");
        }
    }
}
