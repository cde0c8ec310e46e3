using System.Text.Json.Nodes;
using AutoLR.Algorithms;
using AutoLR.Settings;

namespace AutoLR.Runs.Checkpoints;

/// <summary>
/// The experiment a checkpoint belongs to: every resolved setting of the experiment (<see cref="SettingRole.Experiment"/>:
/// not where the run is written, nor the device it computes on, which a resume may change) and a sweep's grid, stored
/// in each checkpoint. A resume compares it with what config.json says now, so an edited config.json cannot splice a
/// second experiment onto the first. The settings themselves are stored rather than a hash of them, so a refusal can name what changed.
/// </summary>
public static class RecordedSettings
{
    public const string EntryName = "settings.json";

    private const string GridKey = "Run:Grid";

    public static JsonObject Of(RunSettings settings, string? grid)
    {
        var recorded = settings.ToJson(setting => setting.Role == SettingRole.Experiment);
        recorded[GridKey] = grid;
        return recorded;
    }

    public static void Store(Checkpoint checkpoint, RunSettings settings, string? grid) =>
        checkpoint.Set(EntryName, System.Text.Encoding.UTF8.GetBytes(Of(settings, grid).ToJsonString()));

    /// <summary>
    /// The settings whose value now (<paramref name="settings"/>, <paramref name="grid"/>) differs from the checkpoint's, as "key: checkpoint → now";
    /// null when the checkpoint predates recorded settings (written before this check existed), so nothing can be compared.
    /// A setting the checkpoint predates ran with the value its descriptor says runs made before it had
    /// (<see cref="Setting.ValueBeforeItExisted"/>), else with its default.
    /// </summary>
    public static IReadOnlyList<string>? Changes(Checkpoint checkpoint, RunSettings settings, string? grid)
    {
        if (!checkpoint.Contains(EntryName)) return null;
        var then = JsonNode.Parse(checkpoint.Get(EntryName)) as JsonObject ?? [];
        foreach (var setting in SettingRegistry.All.Where(s => s.Role == SettingRole.Experiment && !then.ContainsKey(s.Name)))
            then[setting.Name] = RunSettings.Json(setting.ValueBeforeItExisted ?? setting.DefaultValue);
        var now = Of(settings, grid);
        return then.Select(p => p.Key).Union(now.Select(p => p.Key))
            .Where(key => then[key]?.ToJsonString() != now[key]?.ToJsonString())
            .Select(key => $"{key}: {then[key]?.ToJsonString() ?? "(absent)"} → {now[key]?.ToJsonString() ?? "(absent)"}")
            .ToList();
    }
}
