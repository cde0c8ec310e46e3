using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Results;

namespace AutoLR.RunFormat.Evaluation;

/// <summary>The files `embed` wrote for one split (test, or query and gallery): names within the run directory.</summary>
public sealed record EmbeddingSplitFiles(string Embeddings, string Labels, string Sources);

/// <summary>What `embed --from RUN_DIR` wrote: whose weights, how it embedded, the files per split and Recall@K recomputed from them.</summary>
/// <param name="From">The run whose weights embedded.</param>
/// <param name="Weights">Its weights file.</param>
/// <param name="PruningDepth">The depth the weights were trained at.</param>
/// <param name="Dimension">Width of one embedding.</param>
/// <param name="FlipSum">True when each embedding sums the image's and its horizontal flip's features.</param>
/// <param name="ImageSize">Side in pixels the images were resized to.</param>
/// <param name="Dataset">The data set kind embedded.</param>
/// <param name="Splits">Split name (test; query, gallery) → its files.</param>
/// <param name="RecallAtK">Recall@K from the written files (empty when too few items).</param>
public sealed record EmbeddingsRecord(
    string From, string Weights, int PruningDepth, long Dimension, bool FlipSum, int ImageSize, string Dataset,
    IReadOnlyList<KeyValuePair<string, EmbeddingSplitFiles>> Splits, IReadOnlyDictionary<int, double> RecallAtK);

/// <summary>
/// embeddings.json, the record of `embed`. Written without a version field; every one autolr has written is version
/// 1, and a later version will say so in <c>schema</c>, which this reader refuses.
/// </summary>
public static class EmbeddingsFile
{
    public const string FileName = "embeddings.json";

    public const int Version = 1;

    public static string Render(EmbeddingsRecord record) =>
        JsonFiles.Text(new JsonObject
        {
            ["from"] = record.From,
            ["weights"] = record.Weights,
            ["pruningDepth"] = record.PruningDepth,
            ["dimension"] = record.Dimension,
            ["flipSum"] = record.FlipSum,
            ["imageSize"] = record.ImageSize,
            ["dataset"] = record.Dataset,
            ["splits"] = new JsonObject(record.Splits.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)new JsonObject
            {
                ["embeddings"] = s.Value.Embeddings, ["labels"] = s.Value.Labels, ["sources"] = s.Value.Sources,
            }))),
            ["recallAtK"] = RecallMap.Json(record.RecallAtK),
        });

    public static EmbeddingsRecord Read(string path) => JsonFiles.ReadObject(path, Parse);

    public static EmbeddingsRecord Parse(JsonElement root, JsonSource source)
    {
        FormatVersion.Of(root, source, Version);
        var splits = source.Required(root, "splits");
        if (splits.ValueKind != JsonValueKind.Object) throw source.Error($"field 'splits' must be an object from split name to its files, found {splits.ValueKind}.");
        return new(
            source.String(root, "from"), source.String(root, "weights"), source.Int(root, "pruningDepth"), source.Int(root, "dimension"),
            source.Bool(root, "flipSum"), source.Int(root, "imageSize"), source.String(root, "dataset"),
            splits.EnumerateObject().Select(s => KeyValuePair.Create(s.Name,
                new EmbeddingSplitFiles(source.String(s.Value, "embeddings"), source.String(s.Value, "labels"), source.String(s.Value, "sources")))).ToList(),
            source.RecallMap(root, "recallAtK"));
    }
}
