using AutoLR.Torch.Training;
using System.Text.Json.Nodes;
using AutoLR.Experiments.Progress;
using AutoLR.Runs;
using AutoLR.Settings;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Metrics;
using AutoLR.RunFormat.Trace;

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
        var metrics = MetricsFile.ReadWhileWritten(Path.Combine(runDirectory, MetricsFile.FileName));
        var finetune = metrics.Where(m => m.Phase != "prune").ToList();
        var parts = new List<string>();
        if (metrics.Count > finetune.Count && finetune.Count == 0)
            parts.Add($"pruning search, {metrics.Count} epoch(s) done");
        else
            parts.Add($"epoch {finetune.Count}/{(epochs?.ToString() ?? "?")} done");
        if (TraceFile.ReadWhileWritten(Path.Combine(runDirectory, TraceFile.FileName)).LastOrDefault() is { } trace)
            parts.Add($"last trial: epoch {trace.Epoch}, trial {trace.Trial}");
        if (epochs is { } total && finetune.Count > 0 && finetune.Count < total)
        {
            var mean = finetune.Average(m => m.Seconds);
            parts.Add($"ETA {EtaEstimate.Format(TimeSpan.FromSeconds(mean * (total - finetune.Count)))}");
        }
        return string.Join(", ", parts);
    }

    private static int? ConfiguredEpochs(string runDirectory)
    {
        try
        {
            return RunConfigFile.Read(runDirectory).Integer(TrainingSettings.Epochs.Name);
        }
        catch (RunFormatException)
        {
            return null;
        }
    }
}
