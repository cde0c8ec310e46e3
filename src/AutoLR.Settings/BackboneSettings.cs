using AutoLR.Torch.Weights;

namespace AutoLR.Settings;

/// <summary>The network to fine-tune (<see cref="PretrainedBackbones"/>) and where its pre-trained weights come from.</summary>
public sealed class BackboneSettings
{
    /// <summary>The first backbone whose ImageNet weights ship with the build (NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18).</summary>
    public static string Shipped { get; } = PretrainedBackbones.All.First(b => b.Shipped is not null).Name;

    public string Backbone { get; set; } = Shipped;
    /// <summary>Empty means the backbone's shipped weights.</summary>
    public string Weights { get; set; } = "";
}
