using System.Text.Json;
using System.Text.Json.Serialization;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;

namespace AutoLR.Torch.Export;

/// <summary>
/// What a loader outside .NET needs to rebuild an exported backbone exactly (model.json beside the weights): the
/// architecture and which of its blocks were kept, how an image becomes input, and how the pooled output becomes an
/// embedding. export/autolr_torchvision.py reads it; the ONNX export states the same preprocessing in its metadata.
/// </summary>
/// <param name="Format">This layout's name and version.</param>
/// <param name="Backbone">The backbone's name (--backbone).</param>
/// <param name="Block">"basic" (torchvision BasicBlock) or "bottleneck" (torchvision Bottleneck, stride on the 3×3).</param>
/// <param name="BlocksPerStage">Blocks per stage of the unpruned architecture, e.g. [2, 2, 2, 3] for the CNTK ResNet-18.</param>
/// <param name="KeptBlocksPerStage">Blocks per stage after pruning: the first ones of each stage, later stages emptied first.</param>
/// <param name="PruningDepth">Top blocks removed (p of Algorithm 1).</param>
/// <param name="EmbeddingWidth">d, the channels of the last kept block.</param>
/// <param name="Weights">The state dict file, torchvision names, no <c>fc</c>.</param>
/// <param name="Embedding">From the pooled output to the embedding.</param>
/// <param name="Preprocessing">From an RGB image in [0, 1] to the input.</param>
public sealed record ModelDescription(
    string Format,
    string Backbone,
    string Block,
    int[] BlocksPerStage,
    int[] KeptBlocksPerStage,
    int PruningDepth,
    long EmbeddingWidth,
    string Weights,
    EmbeddingProtocol Embedding,
    PreprocessingDescription Preprocessing)
{
    public const string FileName = "model.json";
    public const string CurrentFormat = "autolr-backbone/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The description of <paramref name="backbone"/> with its weights in <paramref name="weightsFile"/>.</summary>
    public static ModelDescription Of(ResNetBackbone backbone, string weightsFile, int imageSize, bool flipSum, string? meanImageFile)
    {
        var spec = backbone.Spec;
        var kept = new int[spec.BlocksPerStage.Length];
        var left = spec.BlockCount - backbone.PruningDepth;
        for (var stage = 0; stage < kept.Length; stage++)
        {
            kept[stage] = Math.Min(spec.BlocksPerStage[stage], left);
            left -= kept[stage];
        }
        return new ModelDescription(CurrentFormat, spec.Name, spec.Block.ToString().ToLowerInvariant(), spec.BlocksPerStage, kept,
            backbone.PruningDepth, backbone.EmbeddingWidth, weightsFile,
            new EmbeddingProtocol("global-average", flipSum, "l2"),
            PreprocessingDescription.Of(spec.Input, imageSize, meanImageFile));
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";
}

/// <summary>
/// The evaluation protocol (DESIGN.md §4): pool the last kept block over its spatial cells, add the horizontally
/// flipped image's pooled output when <paramref name="FlipSum"/>, L2-normalise.
/// </summary>
public sealed record EmbeddingProtocol(string Pooling, bool FlipSum, string Normalisation);

/// <summary>
/// <c>input = (reorder(rgb01) × Scale − mean) / Std</c> for a square image of <paramref name="ImageSize"/> pixels,
/// where mean is the per-pixel <paramref name="MeanImage"/> (a .npy file, [3, H, W], resized bilinearly with
/// align_corners = false to the image size) when there is one, else the per-channel <paramref name="Mean"/>.
/// </summary>
public sealed record PreprocessingDescription(
    int ImageSize,
    string ChannelOrder,
    float Scale,
    float[] Mean,
    float[] Std,
    string? MeanImage,
    string? MeanImageResize)
{
    public static PreprocessingDescription Of(InputConvention input, int imageSize, string? meanImageFile) => new(
        imageSize, input.Order == Data.ChannelOrder.Bgr ? "bgr" : "rgb", input.Scale, input.Mean, input.Std,
        input.MeanImage is null ? null : meanImageFile,
        input.MeanImage is null ? null : "bilinear, align_corners=false");
}
