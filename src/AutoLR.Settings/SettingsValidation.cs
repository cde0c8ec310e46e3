using System.Globalization;
using AutoLR.Algorithms;

namespace AutoLR.Settings;

/// <summary>
/// What is wrong with a run's settings: each setting by itself (its range, choices or own check, from its
/// descriptor), then each <see cref="SettingRule"/> whose settings are all valid by themselves. Every message has the
/// same shape — which key (as the user typed it), which value, what is allowed — so the user can fix every problem
/// at once without reading code.
/// </summary>
public static class SettingsValidation
{
    public static IReadOnlyList<string> Problems(SettingValues values, SettingOrigin origin)
    {
        var problems = new List<string>();
        var invalid = new HashSet<Setting>();
        foreach (var setting in SettingRegistry.All)
        {
            if (setting.Problem(values.Value(setting)) is not { } problem) continue;
            invalid.Add(setting);
            problems.Add($"{Named(setting, values, origin)}: {problem}");
        }
        foreach (var rule in SettingRegistry.Rules)
        {
            if (rule.Named.Concat(rule.Reads).Any(invalid.Contains)) continue;
            if (rule.Problem(values) is { } problem)
                problems.Add($"{string.Join(" with ", rule.Named.Select(s => Named(s, values, origin)))}: {problem}");
        }
        return problems;
    }

    private static string Named(Setting setting, SettingValues values, SettingOrigin origin) =>
        $"{origin.Describe(setting)} = {Show(values.Value(setting))}";

    private static string Show(object value) => value switch
    {
        bool b => b ? "true" : "false",
        string s when s.Length == 0 => "(empty)",
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
