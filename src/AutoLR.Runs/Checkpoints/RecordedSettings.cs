using System.Text.Json.Nodes;
using AutoLR.Settings;

namespace AutoLR.Runs.Checkpoints;

/// <summary>
/// The experiment a checkpoint belongs to: every resolved setting (less where the run is written and the device it
/// computes on, which a resume may change) and a sweep's grid, stored in each checkpoint. A resume compares it with
/// what config.json says now, so an edited config.json cannot splice a second experiment onto the first (issue 10,
/// case 7). The settings themselves are stored rather than a hash of them, so a refusal can name what changed.
/// </summary>
public static class RecordedSettings
{
    public const string EntryName = "settings.json";

    private const string GridKey = "Run:Grid";

    public static JsonObject Of(RunSettings settings, string? grid)
    {
        var recorded = settings.ToJson();
        recorded.Remove(SettingCatalog.Device.Name);
        recorded.Remove(SettingCatalog.Output.Name);
        recorded[GridKey] = grid;
        return recorded;
    }

    public static void Store(Checkpoint checkpoint, RunSettings settings, string? grid) =>
        checkpoint.Set(EntryName, System.Text.Encoding.UTF8.GetBytes(Of(settings, grid).ToJsonString()));

    /// <summary>
    /// The settings whose value now (<paramref name="settings"/>, <paramref name="grid"/>) differs from the checkpoint's, as "key: checkpoint → now";
    /// null when the checkpoint predates recorded settings (written before this check existed), so nothing can be compared.
    /// </summary>
    public static IReadOnlyList<string>? Changes(Checkpoint checkpoint, RunSettings settings, string? grid)
    {
        if (!checkpoint.Contains(EntryName)) return null;
        var then = JsonNode.Parse(checkpoint.Get(EntryName)) as JsonObject ?? [];
        var now = Of(settings, grid);
        // A setting added after the checkpoint was written counts as the value that run computed with.
        foreach (var (setting, value) in SettingsOlderRunsLack.ValueThen)
            if (!then.ContainsKey(setting.Name)) then[setting.Name] = value;
        return then.Select(p => p.Key).Union(now.Select(p => p.Key))
            .Where(key => then[key]?.ToJsonString() != now[key]?.ToJsonString())
            .Select(key => $"{key}: {then[key]?.ToJsonString() ?? "(absent)"} → {now[key]?.ToJsonString() ?? "(absent)"}")
            .ToList();
    }
}
