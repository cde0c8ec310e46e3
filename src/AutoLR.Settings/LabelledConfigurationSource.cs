using Microsoft.Extensions.Configuration;

namespace AutoLR.Settings;

/// <summary>Where a layer of settings came from, so that messages can name a key the way the user typed it.</summary>
public enum SettingLayer { EnvironmentVariables, Switches, StoredRun }

/// <summary>
/// An in-memory configuration layer that remembers its origin (switches, environment variables, a stored run's
/// config.json). The host builds these itself rather than using the stock providers so that tests can pass an
/// environment without touching the process's, and so that <see cref="SettingOrigin"/> can tell layers apart.
/// </summary>
public sealed class LabelledConfigurationSource(SettingLayer layer, IReadOnlyDictionary<string, string?> values, string? file = null)
    : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new LabelledConfigurationProvider(layer, values, file);
}

/// <summary>The provider behind <see cref="LabelledConfigurationSource"/>.</summary>
public sealed class LabelledConfigurationProvider : ConfigurationProvider
{
    public LabelledConfigurationProvider(SettingLayer layer, IReadOnlyDictionary<string, string?> values, string? file)
    {
        Layer = layer;
        File = file;
        foreach (var (key, value) in values) Data[key] = value;
    }

    public SettingLayer Layer { get; }

    /// <summary>The file a stored-run layer was read from.</summary>
    public string? File { get; }
}
