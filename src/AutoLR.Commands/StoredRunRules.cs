using System.Globalization;
using AutoLR.Runs;
using AutoLR.Settings;
using AutoLR.RunFormat.Config;

namespace AutoLR.Commands;

/// <summary>
/// Reads the run directory given with <c>--resume</c> or <c>--from</c> and decides which switches may go with it.
/// A resumed run is the same experiment: a switch for a setting that is not overridable must repeat the stored value
/// (or be left out); a different value is rejected rather than silently ignored or silently applied.
/// </summary>
public static class StoredRunRules
{
    /// <summary>The stored settings, or an error message (exit code 2).</summary>
    public static string? TryLoad(
        CommandSpec command, string folder, bool resuming, IReadOnlyDictionary<string, string?> switches, out StoredRunSettings? stored)
    {
        stored = null;
        string storedCommand;
        IReadOnlyDictionary<string, string?> values;
        try
        {
            (storedCommand, values) = RunConfigStore.Read(folder);
        }
        catch (RunFolderException e)
        {
            return e.Message;
        }

        var configFile = Path.GetFullPath(Path.Combine(folder, RunConfigFile.FileName));
        if (resuming && storedCommand != command.Name)
            return $"--resume {folder}: that run was made by `autolr {storedCommand}`; resume it with `autolr {storedCommand} --resume {folder}`.";

        var overridable = command.Overridable.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var conflicts = new List<string>();
        foreach (var (key, value) in switches)
        {
            var setting = SettingRegistry.Find(key[(SettingSpelling.Section.Length + 1)..])!;
            if (overridable.Contains(setting.Name)) continue;
            values.TryGetValue(key, out var storedValue);
            if (!SameValue(value, storedValue))
                conflicts.Add($"{setting.Switch} {value} conflicts with {setting.ConfigKey} = {storedValue} in {configFile}");
        }
        if (conflicts.Count > 0)
            return string.Join("\n", conflicts) +
                   $"\nA resumed run keeps its stored settings; only {string.Join(", ", command.Overridable.Select(s => s.Switch))} may change. " +
                   "Leave the conflicting switches out, or start a new run without --resume.";

        stored = new StoredRunSettings(configFile, values, overridable);
        return null;
    }

    private static bool SameValue(string? given, string? stored)
    {
        if (string.Equals(given ?? "", stored ?? "", StringComparison.OrdinalIgnoreCase)) return true;
        return double.TryParse(given, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
               && double.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
               && a.Equals(b);
    }
}
