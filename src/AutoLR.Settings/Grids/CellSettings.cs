using System.Globalization;
using System.Text.Json;

namespace AutoLR.Settings.Grids;

/// <summary>The run's settings with one grid point's values put in.</summary>
public static class CellSettings
{
    public static RunSettings With(RunSettings settings, IEnumerable<(SettingKey Setting, string Value)> point)
    {
        var copy = new RunSettings(Clone(settings.Controller), Clone(settings.Training), settings.Data, settings.Backbone, settings.Output);
        foreach (var (setting, value) in point)
        {
            object holder = typeof(ControllerSettings).GetProperty(setting.Name) is not null ? copy.Controller : copy.Training;
            var property = holder.GetType().GetProperty(setting.Name)!;
            property.SetValue(holder, Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
        }
        return copy;
    }

    private static T Clone<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value))!;
}
