using Microsoft.Extensions.Options;
using S = AutoLR.Settings.SettingCatalog;

namespace AutoLR.Settings;

/// <summary>The output folder must be usable as a folder.</summary>
public sealed class OutputSettingsValidation(SettingOrigin origin) : IValidateOptions<OutputSettings>
{
    public ValidateOptionsResult Validate(string? name, OutputSettings o)
    {
        var p = new SettingProblems(origin);
        p.Require(o.Output.Trim().Length > 0, S.Output, o.Output, "the output folder must not be empty (default: runs).");
        if (o.Output.Trim().Length > 0)
            p.Require(!File.Exists(o.Output), S.Output, o.Output, "this path is a file; give a folder for run directories.");
        return p.Result();
    }
}
