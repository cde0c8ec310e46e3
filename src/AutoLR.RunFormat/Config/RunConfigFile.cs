using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.RunFormat.Files;
using AutoLR.RunFormat.Json;

namespace AutoLR.RunFormat.Config;

/// <summary>Facts about a run stored beside its settings in config.json.</summary>
/// <param name="Id">The run's id, the last part of its directory name.</param>
/// <param name="Command">The command that made the run (<see cref="Runs.RunCommands"/>).</param>
/// <param name="CreatedUtc">When the run directory was made.</param>
/// <param name="SourceRun">The run read with <c>--from</c> (evaluate, embed, export), else null.</param>
/// <param name="Grid">A sweep's <c>--grid</c>, else null.</param>
public sealed record RunIdentity(string Id, string Command, DateTimeOffset CreatedUtc, string? SourceRun, string? Grid);

/// <summary>
/// What readers take from config.json: the command that made the run, its grid, its settings section, and the whole
/// <see cref="RunIdentity"/> where the Run section has every part of it (autolr always writes them; readers need only
/// the command).
/// </summary>
public sealed record RunConfig(string Command, string? Grid, JsonObject Settings, RunIdentity? Identity)
{
    /// <summary>
    /// The settings as configuration text, keyed <c>AutoLR:Name</c> (case-insensitive): numbers in round-trip form,
    /// flags as true/false, text as written, null as null. So a resumed run reads them back as a configuration layer.
    /// </summary>
    public IReadOnlyDictionary<string, string?> SettingsAsText(string file)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Settings)
            settings[$"{RunConfigFile.SettingsSection}:{name}"] = value switch
            {
                null => null,
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("R", CultureInfo.InvariantCulture),
                JsonValue v when v.TryGetValue<string>(out var text) => text,
                _ => throw new RunFormatException(
                    $"{file}: {RunConfigFile.SettingsSection}:{name} holds a JSON {value.GetValueKind().ToString().ToLowerInvariant()}, but a setting takes one " +
                    "value (a number, true or false, or a string); restore the file from the run's original or start a new run."),
            };
        return settings;
    }

    /// <summary>The integer setting <paramref name="name"/>, or null when it is absent or not an integer.</summary>
    public int? Integer(string name) =>
        Settings[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}

/// <summary>
/// config.json: the resolved settings of a run, shaped like appsettings.json (an <see cref="SettingsSection"/>
/// section) so it can be read back as a configuration layer on resume, plus a <c>Run</c> section saying which command
/// made it. Written when the run starts, before any training. It carries no version field (appsettings.json's shape
/// has none): every config.json autolr has written is version 1, and a later format would add <c>Run:Schema</c>,
/// which this reader refuses.
/// </summary>
public static class RunConfigFile
{
    public const string FileName = "config.json";

    /// <summary>The section every setting lives in, in appsettings.json, config.json, sweep.json and environment variables.</summary>
    public const string SettingsSection = "AutoLR";

    /// <summary>The newest format version this build reads.</summary>
    public const int Version = 1;

    /// <summary>The most a config.json may hold; autolr writes about 1 KB, so anything near this is not one.</summary>
    public const long MaxFileBytes = 1L << 20;

    public static string Render(RunIdentity identity, JsonObject settings) =>
        JsonFiles.Text(new JsonObject
        {
            ["Run"] = new JsonObject
            {
                ["Id"] = identity.Id,
                ["Command"] = identity.Command,
                ["CreatedUtc"] = identity.CreatedUtc.ToString("O", CultureInfo.InvariantCulture),
                ["SourceRun"] = identity.SourceRun,
                ["Grid"] = identity.Grid,
            },
            [SettingsSection] = settings.DeepClone(),
        });

    /// <summary>
    /// Reads config.json's text; throws <see cref="RunFormatException"/> naming <paramref name="file"/> when it is not
    /// JSON or lacks the Run section with a Command string or the settings section.
    /// </summary>
    public static RunConfig Parse(string text, string file)
    {
        JsonNode? root;
        try
        {
            using (var parsed = JsonDocument.Parse(text))
                if (JsonFiles.RepeatedName(parsed.RootElement) is { } repeated)
                    throw new RunFormatException($"{file} names '{repeated}' twice in one object; restore it from the run's original or start a new run.");
            root = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new RunFormatException($"{file} is not valid JSON ({e.Message}); restore it from the run's original or start a new run.");
        }
        if (root is not JsonObject document || document["Run"] is not JsonObject run || document[SettingsSection] is not JsonObject section ||
            Text(run["Command"]) is not { } command)
            throw new RunFormatException($"{file} lacks the Run section with a Command string or the {SettingsSection} section; it was not written by autolr.");
        if (run["Schema"] is JsonValue schema && (!schema.TryGetValue<int>(out var version) || version > Version))
            throw new RunFormatException($"{file} has format version {schema.ToJsonString()} (Run:Schema); this build reads up to {Version}. " +
                                         "Resume it with the autolr that wrote it or a newer one.");
        var identity = Text(run["Id"]) is { } id && Text(run["CreatedUtc"]) is { } created &&
                       DateTimeOffset.TryParseExact(created, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var createdUtc)
            ? new RunIdentity(id, command, createdUtc, Text(run["SourceRun"]), Text(run["Grid"]))
            : null;
        return new RunConfig(command, Text(run["Grid"]), (JsonObject)section.DeepClone(), identity);
    }

    /// <summary>Reads the config.json of <paramref name="runFolder"/>; every problem is a <see cref="RunFormatException"/> naming the file.</summary>
    public static RunConfig Read(string runFolder)
    {
        var file = Path.Combine(runFolder, FileName);
        if (!File.Exists(file))
            throw new RunFormatException($"{file} does not exist; give the directory of a run that autolr created (it holds {FileName}).");
        try
        {
            return Parse(RegularFile.ReadAllText(file, MaxFileBytes), file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFormatException($"{file} cannot be read ({e.Message}); give the user running autolr read access to the run directory.");
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
}
