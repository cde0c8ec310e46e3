using System.Text.Json.Nodes;
using AutoLR.RunFormat.Json;

namespace AutoLR.Settings;

/// <summary>
/// appsettings.json as autolr ships it beside its binary: every setting of <see cref="SettingRegistry"/> at its
/// default, in the <c>AutoLR</c> section. The build writes it with <c>autolr defaults</c> (AutoLR.Host.csproj), so the
/// shipped file is made from the registry and cannot drift from it.
/// </summary>
public static class ShippedSettings
{
    public const string FileName = "appsettings.json";

    public static string Render() => JsonFiles.Text(new JsonObject { [SettingSpelling.Section] = RunSettings.Defaults.ToJson() });
}
