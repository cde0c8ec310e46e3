using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.Host.Checkpoints;
using AutoLR.Host.Configuration;

namespace AutoLR.Host.RunDirectory;

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

    /// <summary>Reads a run's command and settings as configuration text; throws with the file name when it is unusable.</summary>
    public static (string Command, IReadOnlyDictionary<string, string?> Settings) Read(string runFolder)
    {
        var file = Path.Combine(runFolder, FileName);
        if (!File.Exists(file))
            throw new RunFolderException($"{file} does not exist; give the directory of a run that autolr created (it holds {FileName}).");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new RunFolderException($"{file} is not valid JSON ({e.Message}); restore it from the run's original or start a new run.");
        }
        var command = root?["Run"]?["Command"]?.GetValue<string>();
        if (root?[SettingKey.Section] is not JsonObject section || command is null)
            throw new RunFolderException($"{file} lacks the Run.Command or {SettingKey.Section} section; it was not written by autolr.");
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in section)
            settings[$"{SettingKey.Section}:{name}"] = value switch
            {
                null => null,
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("R", CultureInfo.InvariantCulture),
                _ => value.GetValue<string>(),
            };
        return (command, settings);
    }
}
