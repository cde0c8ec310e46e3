using AutoLR.Algorithms;

namespace AutoLR.Torch.Evaluation;

/// <summary>The evaluation protocol's setting, declared once; <see cref="EmbeddingExtractor"/> follows it.</summary>
public static class EvaluationSettings
{
    /// <summary>The embedding protocol: every command that scores or embeds takes it.</summary>
    public static readonly SettingGroup Group = new("evaluation protocol", sweepable: false);

    public static readonly Setting<bool> EvalFlip = Setting.Flag("EvalFlip",
        "Evaluation embedding of the paper: pooled features of the image and of its horizontal flip, summed, then L2-normalised. " +
        "false embeds the image alone.", [Group], true);

    /// <summary>The settings, in the order help lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } = [EvalFlip];
}
