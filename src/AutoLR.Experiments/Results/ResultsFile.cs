using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.Experiments.Stages;
using AutoLR.Runs.Checkpoints;
using AutoLR.Settings;

namespace AutoLR.Experiments.Results;

/// <summary>
/// results.json, the contract of paper-figures/RUN-DIRECTORY.md: one object per finished run, read by the figure
/// renderer. Fields beyond the contract (e.g. `summary` of `run`) are allowed and ignored by the renderer.
/// </summary>
public static class ResultsFile
{
    public const string FileName = "results.json";

    /// <param name="folder">The run directory (or sweep cell) to write into.</param>
    /// <param name="command">run, finetune, prune or sweep.</param>
    /// <param name="settings">The settings the run trained with.</param>
    /// <param name="blockCount">K of the unpruned backbone.</param>
    /// <param name="depth">The pruning depth trained (prune: the one selected).</param>
    /// <param name="schedule">autolr or a baseline (prune: single).</param>
    /// <param name="recallAtK">Final Recall@K on the test split.</param>
    /// <param name="extra">Further fields, e.g. pruning, selection, summary.</param>
    public static void Write(string folder, string command, RunSettings settings, int blockCount, int depth, string schedule,
        IReadOnlyDictionary<int, double> recallAtK, JsonObject? extra = null)
    {
        var results = new JsonObject
        {
            ["schema"] = 1,
            ["command"] = command,
            ["dataset"] = settings.Data.Dataset,
            ["backbone"] = settings.Backbone.Backbone,
            ["seed"] = settings.Training.Seed,
            ["schedule"] = schedule,
            ["pruningDepth"] = depth,
            ["blockCount"] = blockCount,
            ["alpha"] = schedule == "autolr" || command == "sweep" ? settings.Controller.Alpha : null,
            ["beta"] = schedule == "autolr" || command == "sweep" ? settings.Controller.Beta : null,
            ["epochs"] = settings.Training.Epochs,
            ["recallAtK"] = Recall(recallAtK),
            ["settings"] = RecordedSettings(settings),
        };
        foreach (var (name, value) in extra ?? []) results[name] = value?.DeepClone();
        DurableFile.WriteAllText(Path.Combine(folder, FileName), results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>
    /// The `settings` field: every resolved setting, so that paper-figures averages only runs that differ in nothing
    /// but the seed. The output folder is left out: it says where the run is, not what it trained, and a resumed or
    /// moved run must write the same results.json.
    /// </summary>
    public static JsonObject RecordedSettings(RunSettings settings)
    {
        var recorded = settings.ToJson();
        recorded.Remove(SettingCatalog.Output.Name);
        return recorded;
    }

    /// <summary>
    /// The `pruning` field: every depth the search trained, scored on its selection split (`recallAtK`, what
    /// Algorithm 1 compared) and on the test split (`testRecallAtK`).
    /// </summary>
    public static JsonArray PruningScores(IEnumerable<StageResult> depths) =>
        new(depths.Select(r => (JsonNode)new JsonObject
        {
            ["depth"] = r.Depth, ["recallAtK"] = Recall(r.Selection!), ["testRecallAtK"] = Recall(r.Test),
        }).ToArray());

    /// <summary>{"1": 0.61, "2": 0.73, ...}: K as a decimal string, fractions in [0, 1].</summary>
    public static JsonObject Recall(IReadOnlyDictionary<int, double> recall)
    {
        var json = new JsonObject();
        foreach (var (k, value) in recall.OrderBy(r => r.Key)) json[k.ToString(CultureInfo.InvariantCulture)] = value;
        return json;
    }
}
