using AutoLR.Torch.Training;
using AutoLR.Experiments.Progress;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Metrics;
using AutoLR.RunFormat.Trace;

namespace AutoLR.Queue;

/// <summary>
/// How far a running job is, read from its run directory's own files (the worker keeps no second record that could
/// disagree): the fine-tuning epochs in metrics.jsonl against config.json's Epochs, the last trace line's epoch and
/// trial, and an ETA from the mean seconds of those epochs. Pruning epochs (command `run`, `prune`) have no known
/// total, so no ETA is given for them. `queue status` prints it; the worker's metrics publish it.
/// </summary>
/// <param name="EpochsDone">Fine-tuning epochs finished (metrics.jsonl lines of any phase but "prune").</param>
/// <param name="EpochsPlanned">config.json's Epochs, or null when the run has no readable config yet.</param>
/// <param name="PruningEpochsDone">Epochs of the pruning search finished.</param>
/// <param name="LastTrial">Epoch and trial of the last trace line; null before the first (or for a schedule without a trace).</param>
/// <param name="LastEpochSeconds">Wall-clock seconds of the last epoch finished (any phase), or null before the first.</param>
/// <param name="Eta">Time left for the remaining fine-tuning epochs at their mean pace; null while it cannot be told.</param>
public sealed record JobProgress(
    int EpochsDone,
    int? EpochsPlanned,
    int PruningEpochsDone,
    (int Epoch, int Trial)? LastTrial,
    double? LastEpochSeconds,
    TimeSpan? Eta)
{
    /// <summary>The progress recorded so far in <paramref name="runDirectory"/>; files still being written are read up to their last whole line.</summary>
    public static JobProgress Read(string runDirectory)
    {
        var epochs = ConfiguredEpochs(runDirectory);
        var metrics = MetricsFile.ReadWhileWritten(Path.Combine(runDirectory, MetricsFile.FileName));
        var finetune = metrics.Where(m => m.Phase != "prune").ToList();
        var trial = TraceFile.ReadWhileWritten(Path.Combine(runDirectory, TraceFile.FileName)).LastOrDefault() is { } last
            ? (last.Epoch, last.Trial)
            : ((int, int)?)null;
        TimeSpan? eta = epochs is { } total && finetune.Count > 0 && finetune.Count < total
            ? TimeSpan.FromSeconds(finetune.Average(m => m.Seconds) * (total - finetune.Count))
            : null;
        return new(finetune.Count, epochs, metrics.Count - finetune.Count, trial, metrics.Count > 0 ? metrics[^1].Seconds : null, eta);
    }

    /// <summary>One line for `queue status`: the progress of the job's newest run directory, if it has one.</summary>
    public static string Describe(string? runDirectory) =>
        runDirectory is null ? "starting (no run directory yet)" : Read(runDirectory).Describe();

    public string Describe()
    {
        var parts = new List<string>();
        if (PruningEpochsDone > 0 && EpochsDone == 0)
            parts.Add($"pruning search, {PruningEpochsDone} epoch(s) done");
        else
            parts.Add($"epoch {EpochsDone}/{(EpochsPlanned?.ToString() ?? "?")} done");
        if (LastTrial is { } last) parts.Add($"last trial: epoch {last.Epoch}, trial {last.Trial}");
        if (Eta is { } eta) parts.Add($"ETA {EtaEstimate.Format(eta)}");
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
