using AutoLR.Algorithms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace AutoLR.Settings;

/// <summary>
/// Which settings a configuration sets by choice, so that a preset (<see cref="PresetSettings"/>) leaves them alone:
/// each one a switch, an <c>AUTOLR__</c> variable or a stored run's config.json gives, and each one appsettings.json
/// gives a value other than its default. The shipped appsettings.json lists every setting at its default, so a default
/// there is no choice: without this rule the shipped file would undo every preset.
/// </summary>
public static class ChosenSettings
{
    public static bool Chooses(IConfiguration configuration, Setting setting)
    {
        if (configuration is not IConfigurationRoot root)
            return configuration.GetSection(SettingSpelling.Section)[setting.Name] is not null;
        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(setting.ConfigKey, out var text)) continue;
            return provider switch
            {
                JsonConfigurationProvider => text is null || setting.SyntaxProblem(text) is not null || !Equals(setting.Parse(text), setting.DefaultValue),
                // A configuration layered on another (a sweep point over the run's settings): ask the inner one.
                ChainedConfigurationProvider chained => Chooses(chained.Configuration, setting),
                _ => true,
            };
        }
        return false;
    }

    /// <summary>
    /// The preset that gave <paramref name="setting"/> its value in <paramref name="configuration"/> (its name), or
    /// null when the setting has its own value: chosen, or at its default.
    /// </summary>
    public static string? GivenByPreset(IConfiguration configuration, Setting setting)
    {
        var name = configuration.GetSection(SettingSpelling.Section)[PresetSettings.preset.Name];
        return name is not null && PresetSettings.gives(name, setting) && !Chooses(configuration, setting) ? name : null;
    }
}
