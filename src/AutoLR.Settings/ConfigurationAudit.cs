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
        foreach (var entry in configuration.GetSection(SettingSpelling.Section).GetChildren())
        {
            var setting = SettingRegistry.Find(entry.Key);
            if (setting is null)
            {
                problems.Add($"{origin.Describe(entry.Key)}: there is no setting '{entry.Key}' in the {SettingSpelling.Section} section; " +
                             $"remove it or use one of {string.Join(", ", SettingRegistry.All.Select(s => s.Name))}.");
                continue;
            }
            if (entry.Value is null)
            {
                problems.Add($"{origin.Describe(setting)}: {setting.Name} takes a single value, not a section.");
                continue;
            }
            if (setting.SyntaxProblem(entry.Value) is { } expected)
                problems.Add($"{origin.Describe(setting)} = '{entry.Value}': {expected}");
        }
        return problems;
    }
}
