namespace AutoLR.Settings;

/// <summary>
/// Settings added after runs were already made, with the value those runs computed with — not today's default, which
/// may resolve differently on this machine. A stored config.json or a checkpoint's recorded settings that lack one of
/// them read as that value, so an old run resumes as the experiment it was.
/// </summary>
public static class SettingsOlderRunsLack
{
    public static IReadOnlyDictionary<SettingKey, string> ValueThen { get; } = new Dictionary<SettingKey, string>
    {
        [SettingCatalog.StridedProjection] = StridedProjectionPath.BeforeTheSetting,
        // Before the setting, a class with a single test image always stopped the run.
        [SettingCatalog.DropSingletonClasses] = "false",
    };

    /// <summary><paramref name="values"/> (configuration keys) with every setting it lacks at the value it ran with.</summary>
    public static IReadOnlyDictionary<string, string?> Completed(IReadOnlyDictionary<string, string?> values)
    {
        var missing = ValueThen.Where(s => !values.ContainsKey(s.Key.ConfigKey)).ToList();
        if (missing.Count == 0) return values;
        var completed = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        foreach (var (setting, value) in missing) completed[setting.ConfigKey] = value;
        return completed;
    }
}
