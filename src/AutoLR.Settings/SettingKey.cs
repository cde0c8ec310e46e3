using AutoLR.RunFormat.Config;

namespace AutoLR.Settings;

/// <summary>What values a setting accepts; the configuration audit checks the syntax before anything binds.</summary>
public enum SettingKind { Number, Integer, Text, Choice, Flag, Path }

/// <summary>
/// One user-facing setting under the <c>AutoLR</c> section, and the three spellings a user may type for it:
/// the switch (<c>--alpha</c>), the configuration key (<c>AutoLR:Alpha</c>) and the environment variable
/// (<c>AUTOLR__ALPHA</c>). Error messages use the spelling the value actually came from.
/// </summary>
public sealed record SettingKey(string Name, string Switch, SettingKind Kind, string Help, IReadOnlyList<string>? Choices = null)
{
    /// <summary>The section every setting lives in, in appsettings.json, config.json and environment variables.</summary>
    public const string Section = RunConfigFile.SettingsSection;

    /// <summary>The configuration path, e.g. <c>AutoLR:Alpha</c>.</summary>
    public string ConfigKey => $"{Section}:{Name}";

    /// <summary>The environment variable, e.g. <c>AUTOLR__ALPHA</c> (double underscore stands for the colon).</summary>
    public string EnvironmentVariable => $"{Section}__{Name}".ToUpperInvariant();

    /// <summary>All three spellings, for messages about a value that came from the defaults.</summary>
    public string AllSpellings => $"{Switch}, {EnvironmentVariable} or {ConfigKey} in appsettings.json";
}
