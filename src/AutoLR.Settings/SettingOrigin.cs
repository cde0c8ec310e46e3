using AutoLR.Algorithms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace AutoLR.Settings;

/// <summary>
/// Names a setting the way the user supplied it — <c>--alpha</c>, <c>AUTOLR__ALPHA</c>,
/// <c>AutoLR:Alpha in /path/appsettings.json</c> — by asking the configuration which layer holds the winning value.
/// </summary>
public sealed class SettingOrigin(IConfiguration configuration)
{
    /// <summary>How to refer to <paramref name="setting"/> in a message about its current value.</summary>
    public string Describe(Setting setting) =>
        ChosenSettings.GivenByPreset(configuration, setting) is { } preset
            ? $"{setting.ConfigKey} (from {Describe(PresetSettings.preset)} {preset}; set it with {setting.AllSpellings})"
            : Find(setting.ConfigKey, setting.Switch) ?? $"{setting.ConfigKey} (default; set it with {setting.AllSpellings})";

    /// <summary>How to refer to any key of the section, known or not (an unknown key has no switch).</summary>
    public string Describe(string name) =>
        Find($"{SettingSpelling.Section}:{name}", null) ?? $"{SettingSpelling.Section}:{name}";

    private string? Find(string configKey, string? switchName) => Find(configuration, configKey, switchName);

    private static string? Find(IConfiguration configuration, string configKey, string? switchName)
    {
        if (configuration is not IConfigurationRoot root) return null;
        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(configKey, out _)) continue;
            return provider switch
            {
                LabelledConfigurationProvider { Layer: SettingLayer.Switches } => switchName ?? configKey,
                LabelledConfigurationProvider { Layer: SettingLayer.EnvironmentVariables } => configKey.Replace(":", "__").ToUpperInvariant(),
                LabelledConfigurationProvider { Layer: SettingLayer.StoredRun } stored => $"{configKey} in {stored.File}",
                JsonConfigurationProvider json => $"{configKey} in {JsonPath(json)}",
                // A configuration layered on another (a sweep point over the run's settings): ask the inner one.
                ChainedConfigurationProvider chained => Find(chained.Configuration, configKey, switchName) ?? configKey,
                _ => configKey,
            };
        }
        return null;
    }

    private static string JsonPath(JsonConfigurationProvider json) =>
        json.Source.FileProvider?.GetFileInfo(json.Source.Path ?? "").PhysicalPath ?? json.Source.Path ?? "appsettings.json";
}
