using AutoLR.Torch.Data;

namespace AutoLR.Torch.Weights;

/// <summary>
/// Reads ML.NET's ResNet preprocessing model into an <see cref="InputConvention"/>. That model takes RGB planes on
/// a 0–255 scale (ML.NET's ExtractPixels), splits them, concatenates them as B, G, R and subtracts a per-pixel mean
/// image; it divides by nothing. Each of those facts is checked rather than assumed, so a changed model fails here.
/// </summary>
internal static class CntkPreprocessing
{
    public static InputConvention ReadInputConvention(string path)
    {
        var model = OnnxModelFile.Read(path);
        var ops = model.Graph.Node.Select(n => n.OpType).ToList();
        if (!ops.SequenceEqual(["Split", "Concat", "Sub"]))
            Fail(path, $"its nodes are [{string.Join(", ", ops)}], expected [Split, Concat, Sub]");
        var (split, concat, sub) = (model.Graph.Node[0], model.Graph.Node[1], model.Graph.Node[2]);

        // Split yields (R, G, B) in input order; Concat must take them back as (B, G, R).
        if (split.Output.Count != 3 || split.Int("axis", 0) != 1)
            Fail(path, "the Split does not cut the channel axis into three planes");
        string[] bgr = [split.Output[2], split.Output[1], split.Output[0]];
        if (!concat.Input.SequenceEqual(bgr) || concat.Int("axis", 0) != 1)
            Fail(path, $"the Concat takes [{string.Join(", ", concat.Input)}], expected the split planes reversed [{string.Join(", ", bgr)}] (RGB → BGR)");
        if (sub.Input.Count != 2 || sub.Input[0] != concat.Output[0] || !model.Initializers.ContainsKey(sub.Input[1]))
            Fail(path, "the Sub does not subtract a stored mean image from the BGR planes");

        using var mean = model.FloatInitializer(sub.Input[1]);
        if (mean.dim() != 4 || mean.shape[0] != 1 || mean.shape[1] != 3)
            Fail(path, $"the mean image has shape [{string.Join(", ", mean.shape)}], expected [1, 3, H, W]");
        var (height, width) = ((int)mean.shape[2], (int)mean.shape[3]);
        using var perChannel = mean.mean([0L, 2L, 3L]);
        return new InputConvention(
            ChannelOrder.Bgr,
            Scale: 255f,
            // Used only where no mean image is: the mean image averaged per channel, the closest per-channel mean.
            Mean: perChannel.data<float>().ToArray(),
            Std: [1f, 1f, 1f],
            MeanImage: mean.data<float>().ToArray(),
            MeanImageSize: (height, width));
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string path, string problem) =>
        throw new WeightImportException($"{path}: not the expected ResNet preprocessing model: {problem}. Restore ResNetPreprocess.onnx from NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1.");
}
