using AutoLR.Algorithms;
using AutoLR.RunFormat.Config;

namespace AutoLR.Settings;

/// <summary>
/// The three spellings a user may type for a setting under the <c>AutoLR</c> section: the switch (<c>--alpha</c>,
/// <see cref="Setting.Switch"/>), the configuration key (<c>AutoLR:Alpha</c>) and the environment variable
/// (<c>AUTOLR__ALPHA</c>). Error messages use the spelling the value actually came from (<see cref="SettingOrigin"/>).
/// </summary>
public static class SettingSpelling
{
    /// <summary>The section every setting lives in, in appsettings.json, config.json and environment variables.</summary>
    public const string Section = RunConfigFile.SettingsSection;

    extension(Setting setting)
    {
        /// <summary>The configuration path, e.g. <c>AutoLR:Alpha</c>.</summary>
        public string ConfigKey => $"{Section}:{setting.Name}";

        /// <summary>The environment variable, e.g. <c>AUTOLR__ALPHA</c> (double underscore stands for the colon).</summary>
        public string EnvironmentVariable => $"{Section}__{setting.Name}".ToUpperInvariant();

        /// <summary>All three spellings, for messages about a value that came from the defaults.</summary>
        public string AllSpellings => $"{setting.Switch}, {setting.EnvironmentVariable} or {setting.ConfigKey} in appsettings.json";
    }
}
