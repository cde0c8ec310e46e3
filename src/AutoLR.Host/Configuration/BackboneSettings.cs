namespace AutoLR.Host.Configuration;

/// <summary>The network to fine-tune and where its pre-trained weights come from.</summary>
public sealed class BackboneSettings
{
    /// <summary>The one backbone whose ImageNet weights ship with the build (NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18).</summary>
    public const string Shipped = "cntk-resnet18";

    public string Backbone { get; set; } = Shipped;
    /// <summary>Empty means the backbone's shipped weights.</summary>
    public string Weights { get; set; } = "";
}
