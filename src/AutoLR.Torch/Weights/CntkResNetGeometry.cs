using AutoLR.Torch.Backbones;
using Onnx;

namespace AutoLR.Torch.Weights;

/// <summary>
/// Checks that the strides and paddings of a CNTK ResNet graph are those <see cref="ResNetBackbone"/> computes
/// for <see cref="DownsamplePadding.CntkSame"/>, so weights never land in a layer that slides differently. The
/// export records CNTK's same-padding as explicit pads for its fixed input size; the expected pads come from the
/// backbone's own rule (<see cref="CntkSamePadding"/>) at that size, layer by layer, so this check also verifies
/// the rule: at 224 the 7×7 stem pads [3, 3, 2, 2] (top, left, bottom, right), stride-2 3×3 convolutions and the
/// stem max-pool [1, 1, 0, 0], stride-1 3×3 convolutions [1, 1, 1, 1], 1×1 projections nothing.
/// </summary>
internal static class CntkResNetGeometry
{
    public static void Check(OnnxModelFile model, CntkResNetGraph graph)
    {
        var problems = new List<string>();
        var (height, width) = InputSize(model, graph);
        Expect(graph.Stem.Conv, stride: 2, SamePads(7, 2));
        Expect(graph.StemPool, stride: 2, SamePads(3, 2));
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
                Expect(conv, convStride, SamePads(kernel, convStride));
            }
            if (block.Shortcut is { } shortcut) Expect(shortcut.Conv, stride, [0, 0, 0, 0]);
        }
        if (problems.Count > 0)
            throw new WeightImportException($"{model.Path}: the layers slide differently from the backbone's: {string.Join("; ", problems)}. This is not the CNTK ResNet export the importer reads; restore ResNet18.onnx from NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1.");

        // CNTK's pads for the layer's input size, in ONNX order; the size then shrinks as the layer's output does.
        long[] SamePads(long kernel, long stride)
        {
            var (top, bottom) = CntkSamePadding.Of(height, kernel, stride);
            var (left, right) = CntkSamePadding.Of(width, kernel, stride);
            (height, width) = ((height + stride - 1) / stride, (width + stride - 1) / stride);
            return [top, left, bottom, right];
        }

        void Expect(NodeProto node, long stride, long[] pads)
        {
            var strides = node.Ints("strides", [1, 1]);
            var actualPads = node.Ints("pads", [0, 0, 0, 0]);
            var dilations = node.Ints("dilations", [1, 1]);
            if (!strides.All(s => s == stride) || !actualPads.SequenceEqual(pads) || dilations.Any(d => d != 1) || node.Int("group", 1) != 1)
                problems.Add($"{node.Describe()} has strides [{string.Join(", ", strides)}], pads [{string.Join(", ", actualPads)}], dilations [{string.Join(", ", dilations)}], group {node.Int("group", 1)}; expected stride {stride}, pads [{string.Join(", ", pads)}], no dilation, group 1");
        }
    }

    /// <summary>The fixed height and width of the image input, which the export's pads were worked out for.</summary>
    private static (long Height, long Width) InputSize(OnnxModelFile model, CntkResNetGraph graph)
    {
        var dims = model.Graph.Input.Single(i => i.Name == graph.InputName).Type.TensorType.Shape.Dim;
        if (dims.Count != 4 || dims[2].DimValue <= 0 || dims[3].DimValue <= 0)
            throw new WeightImportException($"{model.Path}: the image input '{graph.InputName}' has shape [{string.Join(", ", dims.Select(d => d.DimValue > 0 ? d.DimValue.ToString() : d.DimParam))}]; the importer needs a fixed [N, 3, H, W] to know which size the recorded pads are for. Restore ResNet18.onnx from NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1.");
        return (dims[2].DimValue, dims[3].DimValue);
    }
}
