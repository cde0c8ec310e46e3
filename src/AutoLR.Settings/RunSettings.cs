using System.Text.Json.Nodes;
using AutoLR.Algorithms;

namespace AutoLR.Settings;

/// <summary>
/// The validated settings of one run: every setting of <see cref="SettingRegistry"/> with its value. What a job reads
/// (<see cref="Get{T}"/>), and what config.json, results.json and each checkpoint store (<see cref="ToJson"/>).
/// </summary>
public sealed record RunSettings(SettingValues Values)
{
    /// <summary>Every setting at its default (what appsettings.json ships), before anything resolves on this machine.</summary>
    public static RunSettings Defaults { get; } = new(SettingValues.Defaults(SettingRegistry.All));

    public T Get<T>(Setting<T> setting) => Values.Get(setting);

    /// <summary>The same settings with <paramref name="setting"/> at <paramref name="value"/>.</summary>
    public RunSettings With<T>(Setting<T> setting, T value) where T : notnull => new(Values.With(setting, value));

    /// <summary>The same settings with <paramref name="setting"/> at the value of configuration text (already checked to parse).</summary>
    public RunSettings WithText(Setting setting, string text) => new(Values.With(setting, setting.Parse(text)));

    /// <summary>A setting's value as configuration text (invariant culture), e.g. for comparing with a switch.</summary>
    public string TextOf(Setting setting) => setting.Text(Values.Value(setting));

    /// <summary>
    /// The <c>AutoLR</c> section, typed (numbers as numbers), in registry order: every setting, or those
    /// <paramref name="recorded"/> keeps (results.json leaves out where the run is; checkpoints how it computes too).
    /// </summary>
    public JsonObject ToJson(Func<Setting, bool>? recorded = null)
    {
        var section = new JsonObject();
        foreach (var setting in SettingRegistry.All.Where(recorded ?? (_ => true)))
            section[setting.Name] = Json(Values.Value(setting));
        return section;
    }

    /// <summary>A setting's value as JSON: numbers as numbers, flags as true/false, the rest as strings.</summary>
    public static JsonValue Json(object value) => value switch
    {
        double d => JsonValue.Create(d),
        int i => JsonValue.Create(i),
        bool b => JsonValue.Create(b),
        var v => JsonValue.Create(v.ToString() ?? ""),
    };
}
