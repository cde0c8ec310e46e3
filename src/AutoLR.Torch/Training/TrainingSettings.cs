using AutoLR.Algorithms;

namespace AutoLR.Torch.Training;

/// <summary>
/// The fine-tuning engine's settings, each declared once (name, help, range, default, groups), and how they set
/// <see cref="TrainingOptions"/>. The base learning rate is the F# core's (<see cref="LearningRateSettings"/>).
/// </summary>
public static class TrainingSettings
{
    /// <summary>The batch size: every command that runs the network takes it (evaluation and embedding batch too).</summary>
    public static readonly SettingGroup BatchGroup = new("batch", sweepable: true);

    /// <summary>The seed of one run (compare takes a list of seeds instead).</summary>
    public static readonly SettingGroup SeedGroup = new("seed", sweepable: true);

    private static readonly TrainingOptions Engine = new();

    public static readonly Setting<int> Epochs = Setting.Integer("Epochs", "Fine-tuning epochs (per pruning depth when pruning).",
        [LearningRateSettings.trainingGroup], 3, SettingRange.Integers(1, 10000));

    public static readonly Setting<int> BatchSize = Setting.Integer("BatchSize", "Images per batch (BatchNorm needs at least 2).",
        [BatchGroup], Engine.BatchSize, SettingRange.Integers(2, 4096));

    public static readonly Setting<double> WeightDecay = Setting.Number("WeightDecay",
        "SGD's L2 weight decay on every parameter (the authors' 5e-4; 0 = none).",
        [LearningRateSettings.trainingGroup], Engine.WeightDecay, SettingRange.FromBelow(0, 1));

    public static readonly Setting<int> Seed = Setting.Integer("Seed", "Seed for initialisation, shuffling and splits.",
        [SeedGroup], 1, SettingRange.IntegersFrom(0));

    /// <summary>How the settings set <see cref="TrainingOptions"/>; the others keep the engine's defaults (momentum, flips).</summary>
    public static IReadOnlyList<OptionsMapping<TrainingOptions>> Mappings { get; } =
    [
        OptionsMapping<TrainingOptions>.Of(BatchSize, (size, options) => options with { BatchSize = size }),
        OptionsMapping<TrainingOptions>.Of(WeightDecay, (decay, options) => options with { WeightDecay = decay }),
        OptionsMapping<TrainingOptions>.Of(Seed, (seed, options) => options with { Seed = seed }),
    ];

    /// <summary>The settings, in the order help lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Epochs, BatchSize, WeightDecay, Seed];

    /// <summary>The engine's options as the settings give them.</summary>
    public static TrainingOptions Options(SettingValues values) => OptionsMapping<TrainingOptions>.Build(Mappings, values, new TrainingOptions());
}
