using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.Runs.Checkpoints;
using AutoLR.Settings;
using AutoLR.Torch.Inputs;

namespace AutoLR.Runs;

/// <summary>Facts about a run stored beside its settings in config.json.</summary>
public sealed record RunIdentity(string Id, string Command, DateTimeOffset CreatedUtc, string? SourceRun, string? Grid);

/// <summary>
/// config.json: the resolved settings of a run, shaped like appsettings.json (an <c>AutoLR</c> section) so it can
/// be read back as a configuration layer on resume, plus a <c>Run</c> section saying which command made it.
/// </summary>
public static class RunConfigFile
{
    public const string FileName = "config.json";

    public static void Write(string runFolder, RunIdentity identity, RunSettings settings)
    {
        var document = new JsonObject
        {
            ["Run"] = new JsonObject
            {
                ["Id"] = identity.Id,
                ["Command"] = identity.Command,
                ["CreatedUtc"] = identity.CreatedUtc.ToString("O", CultureInfo.InvariantCulture),
                ["SourceRun"] = identity.SourceRun,
                ["Grid"] = identity.Grid,
            },
            [SettingKey.Section] = settings.ToJson(),
        };
        DurableFile.WriteAllText(Path.Combine(runFolder, FileName), document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>The most a config.json may hold; autolr writes about 1 KB, so anything near this is not one.</summary>
    private const long MaxFileBytes = 1L << 20;

    /// <summary>
    /// Reads a run's command and settings as configuration text; throws <see cref="RunFolderException"/> naming the
    /// file, and the key when one holds a value of the wrong JSON type.
    /// </summary>
    public static (string Command, IReadOnlyDictionary<string, string?> Settings) Read(string runFolder)
    {
        var file = Path.Combine(runFolder, FileName);
        if (!File.Exists(file))
            throw new RunFolderException($"{file} does not exist; give the directory of a run that autolr created (it holds {FileName}).");
        if (InputFile.Problem(file, MaxFileBytes) is { } problem)
            throw new RunFolderException($"{file} cannot be used: {problem}; give the directory of a run that autolr created.");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new RunFolderException($"{file} is not valid JSON ({e.Message}); restore it from the run's original or start a new run.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFolderException($"{file} cannot be read ({e.Message}); give the user running autolr read access to the run directory.");
        }
        if (root is not JsonObject document || document["Run"] is not JsonObject run || document[SettingKey.Section] is not JsonObject section ||
            Text(run["Command"]) is not { } command)
            throw new RunFolderException($"{file} lacks the Run section with a Command string or the {SettingKey.Section} section; it was not written by autolr.");
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in section)
            settings[$"{SettingKey.Section}:{name}"] = value switch
            {
                null => null,
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("R", CultureInfo.InvariantCulture),
                JsonValue v when Text(v) is { } text => text,
                _ => throw new RunFolderException(
                    $"{file}: {SettingKey.Section}:{name} holds a JSON {value.GetValueKind().ToString().ToLowerInvariant()}, but a setting takes one " +
                    "value (a number, true or false, or a string); restore the file from the run's original or start a new run."),
            };
        return (command, settings);
    }

    /// <summary>The grid a sweep was started with (<c>Run:Grid</c>), null for other commands; the file was read once by <see cref="Read"/>.</summary>
    public static string? Grid(string runFolder) =>
        Text(JsonNode.Parse(File.ReadAllText(Path.Combine(runFolder, FileName)))?["Run"]?["Grid"]);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
}
