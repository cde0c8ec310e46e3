using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Runs;

namespace AutoLR.RunFormat.Results;

/// <summary>
/// results.json, written once when a run has finished (its presence marks a finished run or sweep cell) and read by
/// the figure renderer, `sweep-collect`, `evaluate`/`embed`/`export` (the depth) and bench. Version 1 is
/// paper-figures/RUN-DIRECTORY.md; every results.json autolr has written is version 1. Fields added since (such as
/// <c>weightsSha256</c>) are optional, so a reader of version 1 ignores them and this reader takes files without them.
/// </summary>
public static class ResultsFile
{
    public const string FileName = "results.json";

    /// <summary>The format version this build writes and the newest it reads.</summary>
    public const int Version = 1;

    public static RunResults Read(string path) => JsonFiles.ReadObject(path, Parse);

    /// <summary>
    /// The file's text: fields in the contract's order, the optional ones only where the run has them (alpha and beta
    /// always, null where they do not apply).
    /// </summary>
    public static string Render(RunResults results)
    {
        var document = new JsonObject
        {
            [FormatVersion.Field] = Version,
            ["command"] = results.Command,
            ["dataset"] = results.Dataset,
            ["backbone"] = results.Backbone,
            ["seed"] = results.Seed,
            ["schedule"] = results.Schedule,
            ["pruningDepth"] = results.PruningDepth,
            ["blockCount"] = results.BlockCount,
            ["alpha"] = results.Alpha,
            ["beta"] = results.Beta,
            ["epochs"] = results.Epochs,
            ["recallAtK"] = RecallMap.Json(results.RecallAtK),
        };
        if (results.Settings.Entries.Count > 0) document["settings"] = results.Settings.Json();
        if (results.Summary.Count > 0)
            document["summary"] = new JsonArray([.. results.Summary.Select(row => (JsonNode)new JsonObject
            {
                ["method"] = row.Method, ["pruningDepth"] = row.PruningDepth, ["recallAtK"] = RecallMap.Json(row.RecallAtK),
            })]);
        if (results.Pruning.Count > 0) document["pruning"] = new JsonArray([.. results.Pruning.Select(Depth)]);
        if (results.Selection is { } selection) document["selection"] = selection;
        if (results.StoppedBecause is { } stopped) document["stoppedBecause"] = stopped;
        if (results.SelectionSaturated is { } saturated) document["selectionSaturated"] = saturated;
        if (results.ChosenPoint is { } chosen) document["chosenPoint"] = chosen;
        if (results.WeightsSha256 is { } weights) document["weightsSha256"] = weights;
        return JsonFiles.Text(document);
    }

    public static RunResults Parse(JsonElement root, JsonSource source)
    {
        FormatVersion.Of(root, source, Version);
        var command = source.String(root, "command");
        var pruning = Array(root, source, "pruning", "{depth, recallAtK}", score =>
            new DepthScore(source.Int(score, "depth"), source.RecallMap(score, "recallAtK"),
                source.Optional(score, "testRecallAtK") is { ValueKind: not JsonValueKind.Null } ? source.RecallMap(score, "testRecallAtK") : null));
        if (command == RunCommands.Prune && pruning.Count == 0)
            throw source.Error("required field 'pruning' is missing or empty; a prune run lists the score of every depth it tried.");
        return new RunResults(
            command,
            source.String(root, "dataset"),
            source.OptionalString(root, "backbone"),
            source.Int(root, "seed"),
            source.String(root, "schedule"),
            source.Int(root, "pruningDepth"),
            source.OptionalInt(root, "blockCount"),
            source.OptionalDouble(root, "alpha"),
            source.OptionalDouble(root, "beta"),
            source.OptionalInt(root, "epochs"),
            source.RecallMap(root, "recallAtK"),
            RecordedSettings.Parse(root, source))
        {
            Summary = Array(root, source, "summary", "{method, pruningDepth, recallAtK}", row =>
                new MethodRecall(source.String(row, "method"), source.Int(row, "pruningDepth"), source.RecallMap(row, "recallAtK"))),
            Pruning = pruning,
            Selection = source.OptionalString(root, "selection"),
            StoppedBecause = source.OptionalString(root, "stoppedBecause"),
            SelectionSaturated = source.OptionalBool(root, "selectionSaturated"),
            ChosenPoint = source.OptionalString(root, "chosenPoint"),
            WeightsSha256 = source.OptionalString(root, "weightsSha256"),
        };
    }

    private static JsonObject Depth(DepthScore score)
    {
        var json = new JsonObject { ["depth"] = score.Depth, ["recallAtK"] = RecallMap.Json(score.RecallAtK) };
        if (score.TestRecallAtK is { } test) json["testRecallAtK"] = RecallMap.Json(test);
        return json;
    }

    /// <summary>An optional array field, each element parsed; empty when absent or null.</summary>
    private static List<T> Array<T>(JsonElement root, JsonSource source, string name, string shape, Func<JsonElement, T> parse)
    {
        if (source.Optional(root, name) is not { ValueKind: not JsonValueKind.Null } items) return [];
        if (items.ValueKind != JsonValueKind.Array) throw source.Error($"field '{name}' must be an array of {shape}, found {items.ValueKind}.");
        return items.EnumerateArray().Select(parse).ToList();
    }
}
