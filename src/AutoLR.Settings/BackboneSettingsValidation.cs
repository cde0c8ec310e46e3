using AutoLR.Torch.Weights;
using Microsoft.Extensions.Options;
using S = AutoLR.Settings.SettingCatalog;
using static AutoLR.Settings.ControllerSettingsValidation;

namespace AutoLR.Settings;

/// <summary>Known backbone, and weights for the backbones whose weights do not ship with the build.</summary>
public sealed class BackboneSettingsValidation(SettingOrigin origin) : IValidateOptions<BackboneSettings>
{
    public ValidateOptionsResult Validate(string? name, BackboneSettings o)
    {
        var p = new SettingProblems(origin);
        var known = Choice(S.Backbone, o.Backbone);
        p.Require(known, S.Backbone, o.Backbone, Allowed(S.Backbone));
        if (known && PretrainedBackbones.Find(o.Backbone).Shipped is null)
            p.RequireTogether(o.Weights.Length > 0, S.Weights, o.Weights, S.Backbone, o.Backbone,
                $"no pre-trained weights ship for {o.Backbone}; give a safetensors file with --weights, " +
                $"or use --backbone {BackboneSettings.Shipped}.");
        if (o.Weights.Length > 0)
            p.Require(File.Exists(o.Weights), S.Weights, o.Weights,
                $"no such file ({Path.GetFullPath(o.Weights)}); give the path of a pre-trained weights file.");
        return p.Result();
    }
}
