using AutoLR.Torch.Inputs;
using Microsoft.Extensions.Configuration;

namespace AutoLR.Settings;

/// <summary>
/// A stored run's settings (its config.json) that a resumed run — or a command reading a finished run with
/// <c>--from</c> — starts from. Only the keys in <see cref="Overridable"/> may still change.
/// </summary>
public sealed record StoredRunSettings(string ConfigFile, IReadOnlyDictionary<string, string?> Values, IReadOnlySet<string> Overridable);

/// <summary>
/// Stacks the configuration layers, lowest first: appsettings.json next to the binary, <c>AUTOLR__</c> environment
/// variables, then command-line switches. With a stored run, its config.json replaces appsettings.json (which is not
/// even read, so a broken one cannot block a resume) and the environment for every key except the overridable ones,
/// so a resumed run trains with the settings it started with.
/// </summary>
public static class ConfigurationLayers
{
    /// <summary>Environment variables the host reads: <c>AUTOLR__NAME</c> becomes <c>AutoLR:Name</c>.</summary>
    public const string EnvironmentPrefix = SettingSpelling.Section + "__";

    /// <summary>The most appsettings.json may hold; it ships at about 2 KB, so anything near this is not one.</summary>
    private const long MaxAppSettingsBytes = 1L << 20;

    /// <summary>
    /// What makes <paramref name="appSettingsFile"/> unusable before it is opened (a FIFO would block the JSON reader
    /// forever, a device or huge file would be read whole), or null when it is a regular file of bounded size or absent.
    /// </summary>
    public static string? AppSettingsProblem(string appSettingsFile) =>
        Path.Exists(appSettingsFile) && InputFile.Problem(appSettingsFile, MaxAppSettingsBytes) is { } problem
            ? $"{appSettingsFile} cannot be used: {problem}. Replace it with the JSON file autolr ships (`autolr defaults` prints it), " +
              "or delete it to use the built-in defaults."
            : null;

    /// <summary>
    /// A stored run's values with each setting it predates at the value it ran with
    /// (<see cref="AutoLR.Algorithms.Setting.ValueBeforeItExisted"/>), not today's default: a run made before
    /// <c>--strided-projection</c> existed computed its projections directly, whatever <c>auto</c> means here.
    /// </summary>
    private static IReadOnlyDictionary<string, string?> WithSettingsItPredates(IReadOnlyDictionary<string, string?> values)
    {
        var completed = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        foreach (var setting in SettingRegistry.All)
            if (setting.ValueBeforeItExisted is { } before && !completed.ContainsKey(setting.ConfigKey))
                completed[setting.ConfigKey] = setting.Text(before);
        return completed;
    }

    /// <summary>
    /// Adds the layers to <paramref name="builder"/>; returns notes about environment variables the stored run
    /// overrides. Throws <see cref="InvalidDataException"/> when appsettings.json is not valid JSON.
    /// </summary>
    public static IReadOnlyList<string> Apply(
        IConfigurationBuilder builder,
        string appSettingsFile,
        IReadOnlyDictionary<string, string> environment,
        StoredRunSettings? stored,
        IReadOnlyDictionary<string, string?> switches)
    {
        var notes = new List<string>();
        if (stored is null) builder.AddJsonFile(appSettingsFile, optional: true, reloadOnChange: false);

        var fromEnvironment = environment
            .Where(e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value, StringComparer.OrdinalIgnoreCase);

        if (stored is null)
        {
            builder.Add(new LabelledConfigurationSource(SettingLayer.EnvironmentVariables, fromEnvironment));
        }
        else
        {
            builder.Add(new LabelledConfigurationSource(SettingLayer.StoredRun, WithSettingsItPredates(stored.Values), stored.ConfigFile));
            var kept = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in fromEnvironment)
            {
                var name = key[(SettingSpelling.Section.Length + 1)..];
                if (stored.Overridable.Contains(name, StringComparer.OrdinalIgnoreCase)) kept[key] = value;
                else notes.Add($"{key.Replace(":", "__").ToUpperInvariant()} is ignored: the settings stored in {stored.ConfigFile} apply.");
            }
            builder.Add(new LabelledConfigurationSource(SettingLayer.EnvironmentVariables, kept));
        }

        builder.Add(new LabelledConfigurationSource(SettingLayer.Switches, switches));
        return notes;
    }
}
