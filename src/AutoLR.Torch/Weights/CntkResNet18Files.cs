namespace AutoLR.Torch.Weights;

/// <summary>
/// Where the ImageNet ResNet-18 of NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 lies: the CNTK export
/// itself and the preprocessing model ML.NET runs before it (RGB → BGR, minus a per-pixel mean image).
/// </summary>
/// <param name="Model">ResNet18.onnx.</param>
/// <param name="Preprocess">ResNetPreprocess.onnx.</param>
public sealed record CntkResNet18Files(string Model, string Preprocess)
{
    /// <summary>
    /// Next to the assemblies, where the AutoLR.Torch build copies them from the NuGet package (the same layout
    /// ML.NET uses: <c>DnnImageModels/ResNet18Onnx</c>, <c>DnnImageModels/ResNetPrepOnnx</c>).
    /// </summary>
    public static CntkResNet18Files Default { get; } = InFolder(Path.Combine(AppContext.BaseDirectory, "DnnImageModels"));

    /// <summary>The two models under a <c>DnnImageModels</c> folder laid out as in the package's <c>tools</c> folder.</summary>
    public static CntkResNet18Files InFolder(string dnnImageModels) => new(
        Path.Combine(dnnImageModels, "ResNet18Onnx", "ResNet18.onnx"),
        Path.Combine(dnnImageModels, "ResNetPrepOnnx", "ResNetPreprocess.onnx"));
}
