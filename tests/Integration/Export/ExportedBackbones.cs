using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Data.Preprocessing;
using AutoLR.Torch.Evaluation;
using static TorchSharp.torch;

namespace AutoLR.Integration.Export;

/// <summary>
/// Backbones and images for the export checks. Weights are drawn, BatchNorm statistics and affine parameters
/// included: at their defaults (mean 0, variance 1, γ 1, β 0) a BatchNorm mixed up with another, or skipped, would go
/// unnoticed.
/// </summary>
internal static class ExportedBackbones
{
    /// <summary>A backbone of <paramref name="spec"/> at <paramref name="depth"/> with every tensor drawn from <paramref name="seed"/>.</summary>
    public static ResNetBackbone Drawn(BackboneSpec spec, int depth, int seed)
    {
        random.manual_seed(seed);
        var backbone = new ResNetBackbone(spec, depth);
        using var noGrad = no_grad();
        foreach (var (name, tensor) in backbone.state_dict())
        {
            if (name.EndsWith(".running_var", StringComparison.Ordinal)) tensor.copy_(rand_like(tensor).mul_(0.5).add_(0.75));
            else if (name.EndsWith(".running_mean", StringComparison.Ordinal)) tensor.copy_(randn_like(tensor).mul_(0.1));
            else if (IsBatchNorm(name) && name.EndsWith(".weight", StringComparison.Ordinal)) tensor.copy_(rand_like(tensor).add_(0.5));
            else if (IsBatchNorm(name) && name.EndsWith(".bias", StringComparison.Ordinal)) tensor.copy_(randn_like(tensor).mul_(0.1));
        }
        return backbone;
    }

    /// <summary>[<paramref name="count"/>, 3, size, size] RGB in [0, 1], from its own generator.</summary>
    public static Tensor Rgb01(int count, int size, int seed) => rand([count, 3, size, size], generator: new Generator((ulong)seed));

    /// <summary>AutoLR's embeddings of <paramref name="rgb01"/>: the backbone's preprocessing, then the extractor's protocol.</summary>
    public static Embeddings Embed(ResNetBackbone backbone, Tensor rgb01, bool flipSum)
    {
        var size = checked((int)rgb01.shape[2]);
        using var data = new InMemoryImageDataset(new InputNormaliser(backbone.Spec.Input, size).Apply(rgb01), new int[rgb01.shape[0]]);
        return new EmbeddingExtractor(8, CPU, flipSum).Extract(backbone, data);
    }

    private static bool IsBatchNorm(string name) => name.Contains(".bn", StringComparison.Ordinal) || name.StartsWith("bn", StringComparison.Ordinal) || name.Contains("downsample.1.", StringComparison.Ordinal);
}
