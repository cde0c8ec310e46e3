using System.Text.Json;

namespace AutoLR.PaperFigures.Runs;

/// <summary>
/// results.json's <c>settings</c>: every resolved setting of the run (but its output folder), as config.json's
/// <c>AutoLR</c> section holds it. Which settings exist is the host's business: the only one named here is
/// <c>Seed</c>, since runs that differ only in it are repeats of one configuration.
/// </summary>
public sealed record RecordedSettings(IReadOnlyDictionary<string, string> Values)
{
    private const string Seed = "Seed";

    /// <summary>The settings object, values as compact JSON text; empty for a results.json written before it existed.</summary>
    public static RecordedSettings Parse(JsonElement root, JsonSource source)
    {
        var values = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (source.Optional(root, "settings") is { ValueKind: not JsonValueKind.Null } settings)
        {
            if (settings.ValueKind != JsonValueKind.Object)
                throw source.Error($"field 'settings' must be an object from setting name to value, found {settings.ValueKind}.");
            foreach (var setting in settings.EnumerateObject())
                values[setting.Name] = JsonSerializer.Serialize(setting.Value);
        }
        return new RecordedSettings(values);
    }

    /// <summary>The numeric setting <paramref name="name"/> as recorded, or null when the run did not record it.</summary>
    public double? Number(string name) =>
        Values.TryGetValue(name, out var text) ? double.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// Every setting but the seed, one "Name=value" line each in name order: equal text means equal settings.
    /// </summary>
    public string WithoutSeed => string.Join("\n", Values
        .Where(v => !string.Equals(v.Key, Seed, StringComparison.OrdinalIgnoreCase))
        .Select(v => $"{v.Key}={v.Value}"));

    /// <summary><see cref="WithoutSeed"/>'s text back as name → value.</summary>
    public static IReadOnlyDictionary<string, string> Lines(string withoutSeed) =>
        withoutSeed.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.OrdinalIgnoreCase);

    /// <summary><see cref="WithoutSeed"/>'s text without the named settings too, e.g. the axes of a sweep.</summary>
    public static string Without(string withoutSeed, params string[] names) =>
        string.Join("\n", Lines(withoutSeed).Where(v => !names.Contains(v.Key, StringComparer.OrdinalIgnoreCase))
            .OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase).Select(v => $"{v.Key}={v.Value}"));
}
