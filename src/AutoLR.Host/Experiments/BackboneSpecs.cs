using AutoLR.Host.Configuration;
using AutoLR.Torch.Backbones;

namespace AutoLR.Host.Experiments;

/// <summary>The architecture behind each --backbone name.</summary>
public static class BackboneSpecs
{
    public static BackboneSpec For(string name) => name switch
    {
        BackboneSettings.Shipped => BackboneSpec.CntkResNet18,
        "resnet18" => BackboneSpec.ResNet18,
        "resnet34" => BackboneSpec.ResNet34,
        "resnet50" => BackboneSpec.ResNet50,
        "resnet101" => BackboneSpec.ResNet101,
        _ => throw new JobFailure($"Backbone '{name}' is unknown; use one of cntk-resnet18, resnet18, resnet34, resnet50, resnet101."),
    };
}
