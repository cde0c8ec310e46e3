using AutoLR.Algorithms;
using AutoLR.RunFormat.Runs;
using AutoLR.Settings;
using AutoLR.Torch.Data;
using AutoLR.Torch.Devices;
using AutoLR.Torch.Evaluation;
using AutoLR.Torch.Training;
using AutoLR.Torch.Weights;

namespace AutoLR.Commands;

/// <summary>
/// The commands of <c>autolr</c> and the groups of settings each offers (each setting says which groups it belongs
/// to); the names are those run directories record (<see cref="RunCommands"/>).
/// </summary>
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

    /// <summary>What every fine-tune reads: its training, the machine, the data and the backbone, and where it writes.</summary>
    private static readonly SettingGroup[] FineTuning =
    [
        LearningRateSettings.trainingGroup, TrainingSettings.BatchGroup, DataSettings.InputGroup, DeviceSettings.ComputeGroup,
        DataSettings.Group, EvaluationSettings.Group, BackboneSettings.Group, OutputSettings.Group,
    ];

    /// <summary>A single schedule at a given depth, with every hyper-parameter.</summary>
    private static readonly SettingGroup[] OneSchedule =
        [ScheduleSettings.scheduleGroup, ScheduleSettings.parameterGroup, BackboneSettings.DepthGroup, ControllerSettings.group, TrainingSettings.SeedGroup];

    /// <summary>The pruning search of Algorithm 1, which fine-tunes with the stem and head factors.</summary>
    private static readonly SettingGroup[] PruningSearch =
        [ScheduleSettings.layerFactorGroup, TrainingSettings.SeedGroup, SelectionSettings.Group, SelectionSettings.ValidationSplitGroup];

    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        new(Run,
            "The paper's pipeline: prune the top blocks that do not help (Algorithm 1), fine-tune with AutoLR (Algorithm 2), " +
            "evaluate Recall@K and write report.md. With no switches it runs the embedded default (Fashion-MNIST, CNTK ResNet-18, CPU).",
            [ControllerSettings.group, .. PruningSearch, .. FineTuning], StoredRunUse.Resumable),
        new(FineTune,
            "Fine-tune the backbone (top --pruning-depth blocks removed) with one learning-rate schedule: AutoLR or a baseline.",
            [.. OneSchedule, .. FineTuning], StoredRunUse.Resumable),
        new(Prune,
            "Search the pruning depth alone (Algorithm 1): fine-tune with one learning rate at depths 0, 1, 2, ... while the " +
            "selection score does not drop.",
            [.. PruningSearch, .. FineTuning], StoredRunUse.Resumable),
        new(Evaluate,
            "Compute Recall@K of a finished run's model on its test classes; writes a new run directory.",
            [EvaluationSettings.Group, TrainingSettings.BatchGroup, DeviceSettings.ComputeGroup, OutputSettings.Group], StoredRunUse.ReadsFinishedRun),
        new(Sweep,
            "Fine-tune once per point of a grid of settings (--grid) and tabulate Recall@K.",
            [.. OneSchedule, .. FineTuning], StoredRunUse.Resumable, TakesGrid: true, SlurmArrays: true),
        new(Compare,
            "Compare methods fairly: per seed, the pruning search chooses the depth on a class-disjoint validation split " +
            "(--compare-pruning-depth auto, the default; or a fixed depth), each method's stated grid is tuned on that split at that depth, " +
            "the chosen point is trained on the whole training split and scored once on test; report.md holds the paired statistics. " +
            "--jobs N runs the cells side by side, --slurm as Slurm job arrays.",
            [ComparisonSettings.Group, ScheduleSettings.parameterGroup, ControllerSettings.group, SelectionSettings.ValidationSplitGroup,
             DeviceSettings.ProcessesGroup, .. FineTuning],
            StoredRunUse.Resumable, SlurmArrays: true),
        new(Export,
            "Write a finished run's fine-tuned backbone for PyTorch (backbone.safetensors with torchvision names, model.json, the loader " +
            "autolr_torchvision.py) and as ONNX (model.onnx, the embedding with its pooling and normalisation); writes a new run directory.",
            [EvaluationSettings.Group, OutputSettings.Group], StoredRunUse.ReadsFinishedRun),
        new(Embed,
            "Write the embeddings of a finished run's model on its test split (or another data set's, --dataset/--dataset-path) " +
            "as .npy files with labels and each item's source, and print Recall@K; writes a new run directory.",
            [DataSettings.Group, EvaluationSettings.Group, TrainingSettings.BatchGroup, DeviceSettings.ComputeGroup, OutputSettings.Group],
            StoredRunUse.ReadsFinishedRun),
    ];

    public static CommandSpec Get(string name) => All.Single(c => c.Name == name);
}
