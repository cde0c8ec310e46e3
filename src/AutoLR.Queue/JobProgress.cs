using System.Text.Json.Nodes;
using AutoLR.Experiments.Progress;
using AutoLR.Runs;

namespace AutoLR.Queue;

/// <summary>
/// How far a running job is, read from its run directory's own files (the worker keeps no second record that could
/// disagree): the last trace line's epoch and trial, the fine-tuning epochs in metrics.jsonl against config.json's
/// Epochs, and an ETA from the mean seconds of those epochs. Pruning epochs (command `run`, `prune`) have no known
/// total, so no ETA is given for them.
/// </summary>
public static class JobProgress
{
    public static string Describe(string? runDirectory)
    {
        if (runDirectory is null) return "starting (no run directory yet)";
        var epochs = ConfiguredEpochs(runDirectory);
        var metrics = Lines(Path.Combine(runDirectory, RunFolder.MetricsFileName));
        var finetune = metrics.Where(m => m["phase"]?.GetValue<string>() != "prune").ToList();
        var parts = new List<string>();
        if (metrics.Count > finetune.Count && finetune.Count == 0)
            parts.Add($"pruning search, {metrics.Count} epoch(s) done");
        else
            parts.Add($"epoch {finetune.Count}/{(epochs?.ToString() ?? "?")} done");
        if (Lines(Path.Combine(runDirectory, RunFolder.TraceFileName)).LastOrDefault() is { } trace)
            parts.Add($"last trial: epoch {trace["epoch"]}, trial {trace["trial"]}");
        if (epochs is { } total && finetune.Count > 0 && finetune.Count < total)
        {
            var mean = finetune.Average(m => m["seconds"]?.GetValue<double>() ?? 0);
            parts.Add($"ETA {EtaEstimate.Format(TimeSpan.FromSeconds(mean * (total - finetune.Count)))}");
        }
        return string.Join(", ", parts);
    }

    private static int? ConfiguredEpochs(string runDirectory)
    {
        try
        {
            var config = JsonNode.Parse(File.ReadAllText(Path.Combine(runDirectory, RunConfigFile.FileName)));
            return config?["AutoLR"]?["Epochs"]?.GetValue<int>();
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The complete lines of a JSON-lines file being appended to (a torn last line is skipped).</summary>
    private static List<JsonNode> Lines(string file)
    {
        if (!File.Exists(file)) return [];
        var lines = new List<JsonNode>();
        using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        while (reader.ReadLine() is { } line)
        {
            try
            {
                if (JsonNode.Parse(line) is { } node) lines.Add(node);
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }
        return lines;
    }
}
