using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Results;

namespace AutoLR.RunFormat.Comparisons;

/// <summary>One finished stage of a comparison cell: a fine-tune and what it scored.</summary>
/// <param name="Label">Its folder inside the cell, e.g. "tune2", "final", "prune-depth-1".</param>
/// <param name="Phase">prune (a depth of the pruning search), tune (a grid point scored on validation) or final (the chosen point scored on test).</param>
/// <param name="Depth">The pruning depth it trained at.</param>
/// <param name="Point">Its grid point, e.g. "base-lr=0.01" (tune and final stages), null for the pruning search.</param>
/// <param name="ValidationRecallAtK">Recall@K on the seed's validation split (prune and tune stages), else null.</param>
/// <param name="TestRecallAtK">Recall@K on the test split (final stages only), else null.</param>
/// <param name="EpochsExecuted">Epochs' worth of batches trained: AutoLR's trials each count, a probe as its share of an epoch.</param>
/// <param name="Seconds">Training seconds.</param>
/// <param name="Events">Distinct trace events of its epochs (clamps, empty range, divergence, cap).</param>
public sealed record ComparisonStageRecord(
    string Label, string Phase, int Depth, string? Point, IReadOnlyDictionary<int, double>? ValidationRecallAtK,
    IReadOnlyDictionary<int, double>? TestRecallAtK, double EpochsExecuted, double Seconds, IReadOnlyList<string> Events);

/// <summary>
/// What a finished comparison cell did. A pruning search (<see cref="ComparisonCellKinds.PruningSearch"/>) has the
/// depth it chose, why the search stopped and whether its scores could tell the depths apart; a method cell has the
/// depth it trained at, the grid point validation chose and that point's test Recall@K.
/// </summary>
/// <param name="Kind">A <see cref="ComparisonCellKinds"/> name.</param>
/// <param name="Seed">The seed: its split, initial head, data order and flips.</param>
/// <param name="Schedule">The method (a schedule name); null for a pruning search.</param>
/// <param name="Threads">The libtorch thread count the cell's process trained with (part of the experiment).</param>
/// <param name="Depth">A pruning search: the depth it chose; a method: the depth it trained at.</param>
/// <param name="Stages">Its stages in the order they ran.</param>
public sealed record ComparisonCellRecord(
    string Kind, int Seed, string? Schedule, int Threads, int Depth, IReadOnlyList<ComparisonStageRecord> Stages)
{
    /// <summary>Pruning search: "score dropped" or "cap reached" (the F# search's words).</summary>
    public string? StoppedBecause { get; init; }

    /// <summary>Pruning search: every depth tried scored the same validation Recall@1, so the stop rule chose the depth.</summary>
    public bool? SelectionSaturated { get; init; }

    /// <summary>Method: the grid point with the best validation Recall@1.</summary>
    public string? ChosenPoint { get; init; }

    /// <summary>Method: the chosen point's Recall@K on the test split.</summary>
    public IReadOnlyDictionary<int, double>? TestRecallAtK { get; init; }
}

/// <summary>
/// cell.json: written last, when every stage of a comparison cell has finished, so its presence marks the cell
/// finished (a method cell's final stage has written its results.json before). Version 1 (<c>schema</c>) is the only
/// one written so far.
/// </summary>
public static class ComparisonCellFile
{
    public const string FileName = "cell.json";

    /// <summary>The format version this build writes and the newest it reads.</summary>
    public const int Version = 1;

    public static string Render(ComparisonCellRecord cell)
    {
        var document = new JsonObject
        {
            [FormatVersion.Field] = Version,
            ["kind"] = cell.Kind,
            ["seed"] = cell.Seed,
            ["schedule"] = cell.Schedule,
            ["threads"] = cell.Threads,
            ["depth"] = cell.Depth,
        };
        if (cell.StoppedBecause is { } stopped) document["stoppedBecause"] = stopped;
        if (cell.SelectionSaturated is { } saturated) document["selectionSaturated"] = saturated;
        if (cell.ChosenPoint is { } point) document["chosenPoint"] = point;
        if (cell.TestRecallAtK is { } test) document["testRecallAtK"] = RecallMap.Json(test);
        document["stages"] = new JsonArray([.. cell.Stages.Select(Stage)]);
        return JsonFiles.Text(document);
    }

    public static ComparisonCellRecord Read(string path) => JsonFiles.ReadObject(path, Parse);

    public static ComparisonCellRecord Parse(JsonElement root, JsonSource source)
    {
        FormatVersion.Of(root, source, Version);
        var stages = source.Required(root, "stages") is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(s => new ComparisonStageRecord(
                source.String(s, "label"), source.String(s, "phase"), source.Int(s, "depth"), source.OptionalString(s, "point"),
                OptionalRecall(s, source, "validationRecallAtK"), OptionalRecall(s, source, "testRecallAtK"),
                source.Double(s, "epochsExecuted"), source.Double(s, "seconds"), source.Strings(s, "events"))).ToList()
            : throw source.Error("required field 'stages' must be an array of stages.");
        return new ComparisonCellRecord(source.String(root, "kind"), source.Int(root, "seed"), source.OptionalString(root, "schedule"),
            source.Int(root, "threads"), source.Int(root, "depth"), stages)
        {
            StoppedBecause = source.OptionalString(root, "stoppedBecause"),
            SelectionSaturated = source.OptionalBool(root, "selectionSaturated"),
            ChosenPoint = source.OptionalString(root, "chosenPoint"),
            TestRecallAtK = OptionalRecall(root, source, "testRecallAtK"),
        };
    }

    private static JsonObject Stage(ComparisonStageRecord stage)
    {
        var json = new JsonObject { ["label"] = stage.Label, ["phase"] = stage.Phase, ["depth"] = stage.Depth, ["point"] = stage.Point };
        if (stage.ValidationRecallAtK is { } validation) json["validationRecallAtK"] = RecallMap.Json(validation);
        if (stage.TestRecallAtK is { } test) json["testRecallAtK"] = RecallMap.Json(test);
        json["epochsExecuted"] = stage.EpochsExecuted;
        json["seconds"] = stage.Seconds;
        json["events"] = new JsonArray([.. stage.Events.Select(e => (JsonNode)JsonValue.Create(e))]);
        return json;
    }

    private static IReadOnlyDictionary<int, double>? OptionalRecall(JsonElement obj, JsonSource source, string name) =>
        source.Optional(obj, name) is { ValueKind: not JsonValueKind.Null } ? source.RecallMap(obj, name) : null;
}
