using AutoLR.Algorithms;
using AutoLR.Experiments.Stages;
using AutoLR.Runs.Checkpoints;
using AutoLR.Settings;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Runs;
using RecordedSettings = AutoLR.RunFormat.Results.RecordedSettings;
using AutoLR.Torch.Data;
using AutoLR.Torch.Training;
using AutoLR.Torch.Weights;

namespace AutoLR.Experiments.Results;

/// <summary>
/// results.json of a finished run, made from what the host knows (settings, block count, scores) and written
/// durably, last, so that its presence marks the run (or sweep cell) finished. The format is <see cref="ResultsFile"/>'s.
/// </summary>
public static class FinishedRun
{
    /// <param name="command">The command that made the run.</param>
    /// <param name="settings">The settings the run trained with.</param>
    /// <param name="blockCount">K of the unpruned backbone.</param>
    /// <param name="depth">The pruning depth trained (prune: the one selected).</param>
    /// <param name="schedule">autolr or a baseline (prune: single).</param>
    /// <param name="recallAtK">Final Recall@K on the test split.</param>
    public static RunResults Results(string command, RunSettings settings, int blockCount, int depth, string schedule,
        IReadOnlyDictionary<int, double> recallAtK)
    {
        var autoLrParameters = schedule == ScheduleCatalog.AutoLrName || command == RunCommands.Sweep;
        return new RunResults(command, settings.Get(DataSettings.Dataset), settings.Get(BackboneSettings.Backbone), settings.Get(TrainingSettings.Seed), schedule, depth, blockCount,
            autoLrParameters ? settings.Get(ControllerSettings.alpha) : null, autoLrParameters ? settings.Get(ControllerSettings.beta) : null,
            settings.Get(TrainingSettings.Epochs), recallAtK, Recorded(settings));
    }

    /// <summary>
    /// The `settings` field: every resolved setting, so that paper-figures averages only runs that differ in nothing
    /// but the seed. The output folder is left out: it says where the run is, not what it trained, and a resumed or
    /// moved run must write the same results.json.
    /// </summary>
    public static RecordedSettings Recorded(RunSettings settings) =>
        RecordedSettings.From(settings.ToJson(setting => setting.Role != SettingRole.Placement));

    /// <summary>
    /// The `pruning` field: every depth the search trained, scored on its selection split (what Algorithm 1
    /// compared) and on the test split.
    /// </summary>
    public static IReadOnlyList<DepthScore> PruningScores(IEnumerable<StageResult> depths) =>
        depths.Select(r => new DepthScore(r.Depth, r.Selection!, r.Test)).ToList();

    public static void Write(string folder, RunResults results) =>
        DurableFile.WriteAllText(Path.Combine(folder, ResultsFile.FileName), ResultsFile.Render(results));
}
