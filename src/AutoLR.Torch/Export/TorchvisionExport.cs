using AutoLR.Torch.Backbones;
using AutoLR.Torch.EmbeddingFiles;
using AutoLR.Torch.Weights;

namespace AutoLR.Torch.Export;

/// <summary>
/// Writes a backbone so that PyTorch rebuilds it exactly with torchvision and loads it with <c>strict=True</c>
/// (export/autolr_torchvision.py): <c>backbone.safetensors</c> (its state dict, torchvision names, float32),
/// <see cref="ModelDescription.FileName"/> and, for backbones whose input subtracts a mean image, that image as
/// <c>mean-image.npy</c>.
/// </summary>
public static class TorchvisionExport
{
    public const string WeightsFile = "backbone.safetensors";
    public const string MeanImageFile = "mean-image.npy";

    /// <summary>The files written into <paramref name="folder"/>, and the description they carry.</summary>
    public static ModelDescription Write(ResNetBackbone backbone, string folder, int imageSize, bool flipSum)
    {
        Directory.CreateDirectory(folder);
        BackboneWeights.Save(backbone, Path.Combine(folder, WeightsFile));
        var input = backbone.Spec.Input;
        if (input.MeanImage is { } mean)
        {
            var (height, width) = input.MeanImageSize!.Value;
            NpyArrays.WriteFloat32(Path.Combine(folder, MeanImageFile), mean, 3, height, width);
        }
        var description = ModelDescription.Of(backbone, WeightsFile, imageSize, flipSum, MeanImageFile);
        File.WriteAllText(Path.Combine(folder, ModelDescription.FileName), description.ToJson());
        return description;
    }
}
