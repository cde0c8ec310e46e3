using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.Algorithms;
using Microsoft.FSharp.Core;

namespace AutoLR.Integration.PaperFigures;

/// <summary>
/// Writes run directories shaped as the host writes them (trace.jsonl, metrics.jsonl) plus results.json
/// (paper-figures/RUN-DIRECTORY.md), into a temporary folder deleted on dispose.
/// </summary>
public sealed class SyntheticRuns : IDisposable
{
    public SyntheticRuns()
    {
        Root = Path.Combine(Path.GetTempPath(), "autolr-paper-figures-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Output => Directory.CreateDirectory(Path.Combine(Root, "out")).FullName;

    public static readonly string[] Layers = ["block1", "block2", "block3"];

    public static JsonObject Results(string command, string schedule, int seed, int depth, double r1, string dataset = "fmnist",
        double? alpha = null, double? beta = null, JsonArray? pruning = null, JsonObject? settings = null) =>
        new()
        {
            ["schema"] = 1,
            ["command"] = command,
            ["dataset"] = dataset,
            ["backbone"] = "resnet18",
            ["seed"] = seed,
            ["schedule"] = schedule,
            ["pruningDepth"] = depth,
            ["blockCount"] = 9,
            ["alpha"] = alpha,
            ["beta"] = beta,
            ["epochs"] = 3,
            ["recallAtK"] = Recall(r1),
            ["pruning"] = pruning,
            ["settings"] = settings,
            ["somethingNew"] = "extra fields are ignored",
        };

    /// <summary>R@1 = r1, R@2 = r1 + 0.1, R@4 = r1 + 0.2, R@8 = r1 + 0.3.</summary>
    public static JsonObject Recall(double r1) => new() { ["1"] = r1, ["2"] = r1 + 0.1, ["4"] = r1 + 0.2, ["8"] = r1 + 0.3 };

    /// <summary>
    /// One trace line as the host writes it (the F# TraceLine of a TrialRecord), as JSON to alter;
    /// <paramref name="sortingQuality"/> null writes JSON null, which readers take as NaN.
    /// </summary>
    public static JsonObject Trial(int epoch, int trial, double[] variations, double[] lrs, bool accepted, JsonNode? sortingQuality,
        params string[] events)
    {
        var targets = accepted ? FSharpOption<double[]>.None : FSharpOption<double[]>.Some(variations);
        var nextLrs = accepted ? FSharpOption<double[]>.None : FSharpOption<double[]>.Some(lrs.Select(x => 2 * x).ToArray());
        var record = new TrialRecord(epoch, trial, Layers, lrs, lrs[0] / 2, 0.01, variations, 0.0, 0.94, accepted, targets, nextLrs, events, 1.5, 10.0,
            FSharpOption<BatchWindow>.None);
        var line = JsonNode.Parse(TraceLine.write(record))!.AsObject();
        line["sortingQuality"] = sortingQuality?.DeepClone();
        return line;
    }

    public static JsonObject Epoch(int epoch, double seconds = 10.0) =>
        new()
        {
            ["epoch"] = epoch,
            ["loss"] = 1.0 / epoch,
            ["lrs"] = Numbers([0.001, 0.001, 0.001]),
            ["recallAtK"] = new JsonObject(),
            ["seconds"] = seconds,
            ["phase"] = "finetune",
        };

    public static JsonArray Numbers(double[] xs) => new(xs.Select(x => (JsonNode)x).ToArray());

    public string Write(string name, JsonObject? results, IEnumerable<JsonObject>? trace = null, IEnumerable<JsonObject>? metrics = null)
    {
        var folder = Path.Combine(Root, "runs", name);
        Directory.CreateDirectory(folder);
        if (results is not null) File.WriteAllText(Path.Combine(folder, "results.json"), results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (trace is not null) WriteLines(Path.Combine(folder, "trace.jsonl"), trace.Select(t => t.ToJsonString()));
        if (metrics is not null) WriteLines(Path.Combine(folder, "metrics.jsonl"), metrics.Select(m => m.ToJsonString()));
        return folder;
    }

    public static void WriteLines(string path, IEnumerable<string> lines) => File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));

    /// <summary>A single-LR run's trace: one accepted trial per epoch, variations falling from input to output.</summary>
    public static IEnumerable<JsonObject> SingleLrTrace(int epochs) =>
        Enumerable.Range(1, epochs).Select(e => Trial(e, 1, [3e-5 / e, 2e-5 / e, 1e-5 / e], [1e-3, 1e-3, 1e-3], true, 0.0));

    /// <summary>
    /// An AutoLR run's trace: epoch 1 has trials 1 (SQ written as JSON null), 2 (diverged: SQ and block 2's variation
    /// written as "NaN", train loss as null) and 3 (accepted); epoch 2 reaches the cap and keeps trial 1 by
    /// accepted-best; epoch 3 accepts its first trial.
    /// </summary>
    public static IEnumerable<JsonObject> AutoLrTrace()
    {
        var diverged = Trial(1, 2, [2e-5, 2.5e-5, 1e-5], [1e-3, 2e-3, 4e-3], false, "NaN", "divergence", "lr-halved:block2");
        diverged["variations"]![1] = "NaN";
        diverged["trainLoss"] = null;
        return AutoLrTraceAround(diverged);
    }

    private static IEnumerable<JsonObject> AutoLrTraceAround(JsonObject diverged) =>
    [
        Trial(1, 1, [3e-5, 2e-5, 1e-5], [1e-3, 1e-3, 1e-3], false, null),
        diverged,
        Trial(1, 3, [1e-5, 2e-5, 3e-5], [1e-3, 3e-3, 9e-3], true, 1.0),
        Trial(2, 1, [1.1e-5, 2.1e-5, 3.1e-5], [1e-3, 3e-3, 9e-3], false, 0.5),
        Trial(2, 2, [3e-5, 1e-5, 2e-5], [1e-3, 3e-3, 9e-3], false, 0.2, "trial-cap-reached", "accepted-best:trial1"),
        Trial(3, 1, [1e-5, 2e-5, 3e-5], [1e-3, 3e-3, 9e-3], true, 1.0),
    ];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system: the temp folder is cleaned by the system later.
        }
    }
}
