using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AutoLR.Settings;

/// <summary>
/// Checks what binding cannot report well, before anything binds: keys of the <c>AutoLR</c> section that no setting
/// has (a typo would otherwise be ignored silently) and values that do not parse as their kind (binding would throw
/// an exception without the user's spelling of the key). Ranges and combinations are the validators' job.
/// </summary>
public static class ConfigurationAudit
{
    /// <summary>One message per problem; empty when the section is well-formed.</summary>
    public static IReadOnlyList<string> Check(IConfiguration configuration)
    {
        var origin = new SettingOrigin(configuration);
        var problems = new List<string>();
        foreach (var entry in configuration.GetSection(SettingKey.Section).GetChildren())
        {
            var setting = SettingCatalog.Find(entry.Key);
            if (setting is null)
            {
                problems.Add($"{origin.Describe(entry.Key)}: there is no setting '{entry.Key}' in the {SettingKey.Section} section; " +
                             $"remove it or use one of {string.Join(", ", SettingCatalog.All.Select(s => s.Name))}.");
                continue;
            }
            if (entry.Value is null)
            {
                problems.Add($"{origin.Describe(setting)}: {setting.Name} takes a single value, not a section.");
                continue;
            }
            if (!Parses(setting.Kind, entry.Value))
                problems.Add($"{origin.Describe(setting)} = '{entry.Value}': {Expected(setting.Kind)}");
        }
        return problems;
    }

    private static bool Parses(SettingKind kind, string value) => kind switch
    {
        SettingKind.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        SettingKind.Integer => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        SettingKind.Flag => bool.TryParse(value, out _),
        _ => true,
    };

    private static string Expected(SettingKind kind) => kind switch
    {
        SettingKind.Number => "expected a number such as 0.4 or 1e-5 (a dot, not a comma, for decimals).",
        SettingKind.Integer => "expected a whole number such as 32.",
        SettingKind.Flag => "expected true or false.",
        _ => "unexpected value.",
    };
}
