using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace AutoLR.Settings;

/// <summary>
/// The validated settings of one run, all classes together: what a job reads, and what config.json stores.
/// </summary>
public sealed record RunSettings(
    ControllerSettings Controller,
    TrainingSettings Training,
    DataSettings Data,
    BackboneSettings Backbone,
    OutputSettings Output)
{
    /// <summary>The embedded defaults (what appsettings.json ships).</summary>
    public static RunSettings Defaults => new(new(), new(), new(), new(), new());

    /// <summary>The current value of a setting, found by its name in whichever class declares it.</summary>
    public object? ValueOf(SettingKey setting)
    {
        foreach (var holder in new object[] { Controller, Training, Data, Backbone, Output })
        {
            var property = holder.GetType().GetProperty(setting.Name, BindingFlags.Public | BindingFlags.Instance);
            if (property is not null) return property.GetValue(holder);
        }
        throw new InvalidOperationException($"Setting {setting.ConfigKey} is in the catalog but in no settings class; add a property named {setting.Name}.");
    }

    /// <summary>The <c>AutoLR</c> section with every setting, typed (numbers as numbers), in catalog order.</summary>
    public JsonObject ToJson()
    {
        var section = new JsonObject();
        foreach (var setting in SettingCatalog.All)
            section[setting.Name] = ValueOf(setting) switch
            {
                double d => JsonValue.Create(d),
                int i => JsonValue.Create(i),
                bool b => JsonValue.Create(b),
                var v => JsonValue.Create(v?.ToString() ?? ""),
            };
        return section;
    }

    /// <summary>A setting's value as configuration text (invariant culture), e.g. for comparing with a switch.</summary>
    public string TextOf(SettingKey setting) => ValueOf(setting) switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };
}
