using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Results;

namespace AutoLR.RunFormat.Evaluation;

/// <summary>What `evaluate --from RUN_DIR` measured: Recall@K on the test split of the source run's final weights.</summary>
/// <param name="From">The evaluated run directory.</param>
/// <param name="Weights">Its weights file.</param>
/// <param name="PruningDepth">The depth the weights were trained at.</param>
/// <param name="RecallAtK">Recall@K on the test split.</param>
public sealed record EvaluationRecord(string From, string Weights, int PruningDepth, IReadOnlyDictionary<int, double> RecallAtK);

/// <summary>
/// evaluation.json, the result of `evaluate` (not results.json, which would make the figure renderer count the
/// evaluated run twice). Written without a version field; every one autolr has written is version 1, and a later
/// version will say so in <c>schema</c>, which this reader refuses.
/// </summary>
public static class EvaluationFile
{
    public const string FileName = "evaluation.json";

    public const int Version = 1;

    public static string Render(EvaluationRecord evaluation) =>
        JsonFiles.Text(new JsonObject
        {
            ["from"] = evaluation.From,
            ["weights"] = evaluation.Weights,
            ["pruningDepth"] = evaluation.PruningDepth,
            ["recallAtK"] = RecallMap.Json(evaluation.RecallAtK),
        });

    public static EvaluationRecord Read(string path) => JsonFiles.ReadObject(path, Parse);

    public static EvaluationRecord Parse(JsonElement root, JsonSource source)
    {
        FormatVersion.Of(root, source, Version);
        return new(source.String(root, "from"), source.String(root, "weights"), source.Int(root, "pruningDepth"), source.RecallMap(root, "recallAtK"));
    }
}
