using AutoLR.Algorithms;
using Microsoft.Extensions.Configuration;

namespace AutoLR.Settings;

/// <summary>
/// The settings of the <c>AutoLR</c> section of a configuration (appsettings.json, <c>AUTOLR__</c> variables,
/// switches, a stored run's config.json, layered): each setting of <see cref="SettingRegistry"/> parsed from its key, or
/// at its default when no layer gives it; then the preset's values (<c>--preset</c>) for the settings it covers that
/// the configuration does not choose itself (<see cref="ChosenSettings"/>). <see cref="ConfigurationAudit"/> has
/// checked the syntax first.
/// </summary>
public static class SettingsBinding
{
    public static SettingValues Bind(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingSpelling.Section);
        var values = SettingValues.Defaults(SettingRegistry.All);
        foreach (var setting in SettingRegistry.All)
            if (section[setting.Name] is { } text)
                values = values.With(setting, setting.Parse(text));
        return PresetSettings.apply(setting => ChosenSettings.Chooses(configuration, setting), values);
    }

    /// <summary>
    /// The values this machine runs with (<see cref="Setting.Resolve"/>: <c>--threads 0</c>, <c>--strided-projection
    /// auto</c>), in registry order, before validation: config.json then records what ran, and a resume keeps it.
    /// </summary>
    public static SettingValues Resolve(SettingValues values) =>
        SettingRegistry.All.Aggregate(values, (resolved, setting) => resolved.With(setting, setting.Resolve(resolved, resolved.Value(setting))));
}
