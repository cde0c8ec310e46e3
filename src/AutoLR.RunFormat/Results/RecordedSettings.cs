using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.RunFormat.Json;

namespace AutoLR.RunFormat.Results;

/// <summary>
/// results.json's <c>settings</c>: every resolved setting of the run (but its output folder), as config.json's
/// <c>AutoLR</c> section holds it, each value as compact JSON text, in the order written. Which settings exist is the
/// host's business: readers name only <see cref="SeedName"/> (runs that differ only in it are repeats of one
/// configuration) and, by the F# core's names, the controller options they label runs with.
/// </summary>
public sealed record RecordedSettings(IReadOnlyList<KeyValuePair<string, string>> Entries)
{
    /// <summary>The setting of the seed, which results.json also has as <c>seed</c>.</summary>
    public const string SeedName = "Seed";

    /// <summary>A results.json written before <c>settings</c> existed: compared on its other fields only.</summary>
    public static readonly RecordedSettings None = new([]);

    private IReadOnlyDictionary<string, string> ByName { get; } = ByNameOf(Entries);

    /// <summary>Every setting by name (case-insensitive, names in order), values as compact JSON text.</summary>
    public IReadOnlyDictionary<string, string> Values => ByName;

    /// <summary>The settings of a JSON object, e.g. the host's resolved settings.</summary>
    public static RecordedSettings From(JsonObject settings) =>
        new(settings.Select(s => KeyValuePair.Create(s.Key, s.Value?.ToJsonString() ?? "null")).ToList());

    /// <summary>The settings object of <paramref name="root"/>; <see cref="None"/> for a results.json without one.</summary>
    public static RecordedSettings Parse(JsonElement root, JsonSource source)
    {
        if (source.Optional(root, "settings") is not { ValueKind: not JsonValueKind.Null } settings) return None;
        if (settings.ValueKind != JsonValueKind.Object)
            throw source.Error($"field 'settings' must be an object from setting name to value, found {settings.ValueKind}.");
        return new(settings.EnumerateObject().Select(s => KeyValuePair.Create(s.Name, JsonSerializer.Serialize(s.Value))).ToList());
    }

    /// <summary>The settings as the JSON object they were read from or made of.</summary>
    public JsonObject Json() => new(Entries.Select(e => KeyValuePair.Create(e.Key, JsonNode.Parse(e.Value))));

    /// <summary>The numeric setting <paramref name="name"/> as recorded, or null when the run did not record it.</summary>
    public double? Number(string name) =>
        ByName.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// Every setting but the seed, one "Name=value" line each in name order: equal text means equal settings.
    /// </summary>
    public string WithoutSeed => string.Join("\n", ByName
        .Where(v => !string.Equals(v.Key, SeedName, StringComparison.OrdinalIgnoreCase))
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

    /// <summary>Name order, case-insensitive; a name written twice (in any case) keeps its last value.</summary>
    private static SortedDictionary<string, string> ByNameOf(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var byName = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in entries) byName[name] = value;
        return byName;
    }
}
