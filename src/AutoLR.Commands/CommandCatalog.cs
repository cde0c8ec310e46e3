using AutoLR.Settings;
using S = AutoLR.Settings.SettingCatalog;
using AutoLR.RunFormat.Runs;

namespace AutoLR.Commands;

/// <summary>The commands of <c>autolr</c> and the settings each offers; the names are those run directories record (<see cref="RunCommands"/>).</summary>
public static class CommandCatalog
{
    public const string Run = RunCommands.Run;
    public const string FineTune = RunCommands.FineTune;
    public const string Prune = RunCommands.Prune;
    public const string Evaluate = RunCommands.Evaluate;
    public const string Sweep = RunCommands.Sweep;
    public const string Export = RunCommands.Export;
    public const string Embed = RunCommands.Embed;
    public const string Compare = RunCommands.Compare;

    private static readonly SettingKey[] ControllerSettings =
        [S.Alpha, S.Beta, S.Tau, S.TauDecay, S.TauFloor, S.TrialCap, S.ProbeFraction, S.LrMin, S.LrMax, S.Normalisation, S.TargetRule];
    private static readonly SettingKey[] TrainingSettings =
        [S.BaseLr, S.Epochs, S.BatchSize, S.WeightDecay, S.ImageSize, S.Device, S.Threads, S.StridedProjection, S.Seed];
    private static readonly SettingKey[] DataSettings = [S.Dataset, S.DatasetPath, S.ImagesPerClass, S.TestImagesPerClass, S.SkipBadImages, S.MaxImagePixels, S.EvalFlip];
    private static readonly SettingKey[] SelectionSettings = [S.Selection, S.ValidationFraction, S.MaxPruningDepth, S.AllowTestSelection];
    private static readonly SettingKey[] BackboneSettings = [S.Backbone, S.Weights];
    /// <summary>The stem and head factors also set AutoLR's and the pruning search's stem and head LRs.</summary>
    private static readonly SettingKey[] StemAndHeadSettings =
        [.. S.ScheduleParameters.Where(k => k.Name is nameof(AutoLR.Settings.TrainingSettings.StemFactor) or nameof(AutoLR.Settings.TrainingSettings.HeadFactor))];

    /// <summary>
    /// What a resumed run may change: how it computes, not what it computes. Everything else must match the stored
    /// config.json, so a resumed run is the same experiment.
    /// </summary>
    public static readonly SettingKey[] ResumeOverridable = [S.Device];

    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        new(Run,
            "The paper's pipeline: prune the top blocks that do not help (Algorithm 1), fine-tune with AutoLR (Algorithm 2), " +
            "evaluate Recall@K and write report.md. With no switches it runs the embedded default (Fashion-MNIST, CNTK ResNet-18, CPU).",
            [.. ControllerSettings, .. StemAndHeadSettings, .. TrainingSettings, .. DataSettings, .. SelectionSettings, .. BackboneSettings, S.Output],
            StoredRunUse.Resumable, ResumeOverridable),
        new(FineTune,
            "Fine-tune the backbone (top --pruning-depth blocks removed) with one learning-rate schedule: AutoLR or a baseline.",
            [S.Schedule, .. S.ScheduleParameters, S.PruningDepth, .. ControllerSettings, .. TrainingSettings, .. DataSettings, .. BackboneSettings, S.Output],
            StoredRunUse.Resumable, ResumeOverridable),
        new(Prune,
            "Search the pruning depth alone (Algorithm 1): fine-tune with one learning rate at depths 0, 1, 2, ... while the " +
            "selection score does not drop.",
            [.. StemAndHeadSettings, .. TrainingSettings, .. DataSettings, .. SelectionSettings, .. BackboneSettings, S.Output],
            StoredRunUse.Resumable, ResumeOverridable),
        new(Evaluate,
            "Compute Recall@K of a finished run's model on its test classes; writes a new run directory.",
            [S.EvalFlip, S.BatchSize, S.Device, S.Threads, S.Output],
            StoredRunUse.ReadsFinishedRun, [S.EvalFlip, S.BatchSize, S.Device, S.Threads, S.Output]),
        new(Sweep,
            "Fine-tune once per point of a grid of settings (--grid) and tabulate Recall@K.",
            [S.Schedule, .. S.ScheduleParameters, S.PruningDepth, .. ControllerSettings, .. TrainingSettings, .. DataSettings, .. BackboneSettings, S.Output],
            StoredRunUse.Resumable, ResumeOverridable, TakesGrid: true, SlurmArrays: true),
        new(Compare,
            "Compare methods fairly: per seed, the pruning search chooses the depth on a class-disjoint validation split (--pruning-depth auto, " +
            "the default; or a fixed depth), each method's stated grid is tuned on that split at that depth, the chosen point is trained on the " +
            "whole training split and scored once on test; report.md holds the paired statistics. --jobs N runs the cells side by side, " +
            "--slurm as Slurm job arrays.",
            [S.Schedules, S.Seeds, S.ComparePruningDepth, S.Jobs, .. S.ScheduleParameters, .. ControllerSettings, S.BaseLr, S.Epochs, S.BatchSize, S.WeightDecay,
             S.ImageSize, S.Device, S.Threads, S.StridedProjection, .. DataSettings, S.ValidationFraction, S.MaxPruningDepth, .. BackboneSettings, S.Output],
            StoredRunUse.Resumable, [.. ResumeOverridable, S.Jobs], SlurmArrays: true),
        new(Export,
            "Write a finished run's fine-tuned weights as a standalone file; writes a new run directory.",
            [S.EvalFlip, S.Output],
            StoredRunUse.ReadsFinishedRun, [S.EvalFlip, S.Output]),
        new(Embed,
            "Write the embeddings of a finished run's model on its test split (or another data set's, --dataset/--dataset-path) " +
            "as .npy files with labels and each item's source, and print Recall@K; writes a new run directory.",
            [.. DataSettings, S.BatchSize, S.Device, S.Threads, S.Output],
            StoredRunUse.ReadsFinishedRun, [.. DataSettings, S.BatchSize, S.Device, S.Threads, S.Output]),
    ];

    public static CommandSpec Get(string name) => All.Single(c => c.Name == name);
}
