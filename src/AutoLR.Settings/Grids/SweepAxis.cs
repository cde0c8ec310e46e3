using AutoLR.Algorithms;

namespace AutoLR.Settings.Grids;

/// <summary>One axis of a sweep: a setting and the values it takes, e.g. alpha=1,2,4.</summary>
public sealed record SweepAxis(Setting Setting, IReadOnlyList<string> Values)
{
    /// <summary>
    /// Parses <c>alpha=1,2,4;beta=0.2,0.4</c> (names as the switch without dashes); returns an error message naming the
    /// part that is wrong, or null.
    /// </summary>
    public static string? TryParse(string text, out IReadOnlyList<SweepAxis> axes)
    {
        var list = new List<SweepAxis>();
        axes = list;
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
                return $"--grid part '{part}' is not name=value,value; write e.g. --grid \"alpha=1,2,4;beta=0.2,0.4\".";
            var name = part[..equals].Trim();
            var setting = SettingRegistry.FindSwitch("--" + name);
            if (setting is null)
                return $"--grid names '{name}', which is no setting; use a switch name without dashes such as alpha, beta, tau, base-lr.";
            if (setting == PresetSettings.preset)
                return $"--grid cannot sweep '{name}': a preset gives several settings at once " +
                       $"({string.Join(", ", PresetSettings.covered.Select(s => s.Switch))}); sweep those settings, or start one sweep per preset with {setting.Switch}.";
            if (setting.Kind is not (SettingKind.Number or SettingKind.Integer or SettingKind.Choice))
                return $"--grid cannot sweep '{name}': only numeric and choice settings can be swept.";
            var values = part[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (values.Length == 0) return $"--grid gives no values for '{name}'; list them after '=' separated by commas.";
            foreach (var value in values)
            {
                // Ranges are checked per grid point (SweepPointValidation), with the run's other settings.
                if ((setting.SyntaxProblem(value) ?? (setting.Kind == SettingKind.Choice ? setting.Problem(value) : null)) is { } problem)
                    return $"--grid value '{value}' for '{name}' is not valid: {problem}";
            }
            if (list.Any(a => a.Setting == setting)) return $"--grid names '{name}' twice; give each setting once.";
            list.Add(new SweepAxis(setting, values));
        }
        return list.Count == 0 ? "--grid is empty; write e.g. --grid \"alpha=1,2,4;beta=0.2,0.4\"." : null;
    }
}
