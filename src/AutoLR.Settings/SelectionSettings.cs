using AutoLR.Algorithms;

namespace AutoLR.Settings;

/// <summary>
/// How the pruning depth of Algorithm 1 is selected (the search's settings), and the share of the training classes a
/// validation split takes, each declared once.
/// </summary>
public static class SelectionSettings
{
    /// <summary>The pruning search's settings: run and prune take them.</summary>
    public static readonly SettingGroup Group = new("selection", sweepable: false);

    /// <summary>The class-disjoint validation split: run, prune and compare carve one.</summary>
    public static readonly SettingGroup ValidationSplitGroup = new("validation split", sweepable: false);

    public static readonly Setting<string> Selection = Setting.Choice("Selection", "Split that selects the pruning depth.", [Group],
        SelectionModes.All.Select(m => new SettingChoice(m.Name, m.Description)), SelectionMode.Validation.Name());

    /// <summary>
    /// Fashion-MNIST has 5 training classes: 0.4 gives 2 validation classes, the fewest for which Recall@1 can fail
    /// (with one class every neighbour matches).
    /// </summary>
    public static readonly Setting<double> ValidationFraction = Setting.Number("ValidationFraction",
        "Share of the training classes carved out (class-disjoint) to select the pruning depth; at least 2 classes are needed for a meaningful Recall@1.",
        [ValidationSplitGroup], 0.4, SettingRange.Between(0, 1));

    /// <summary>The job lowers it to K − 1 when the backbone has fewer blocks. compare searches too (its depth auto).</summary>
    public static readonly Setting<int> MaxPruningDepth = Setting.Integer("MaxPruningDepth",
        "Deepest pruning the search (Algorithm 1) tries; capped below the block count K.", [Group, ComparisonSettings.Group], 4, SettingRange.IntegersFrom(0));

    public static readonly Setting<bool> AllowTestSelection = Setting.Flag("AllowTestSelection",
        "Confirms --selection test: choosing the depth on the test set reproduces the paper but leaks test data into model selection.",
        [Group], false);

    /// <summary>The settings, in the order help lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Selection, ValidationFraction, MaxPruningDepth, AllowTestSelection];

    /// <summary>Test-set selection must be confirmed.</summary>
    public static IReadOnlyList<SettingRule> Rules { get; } =
    [
        SettingRule.Of([Selection, AllowTestSelection], [], values =>
            SelectionModes.Parse(values.Get(Selection)) != SelectionMode.Test || values.Get(AllowTestSelection) ? null
                : $"selecting the pruning depth on the test set reproduces the paper only (it leaks test data into model selection); " +
                  $"add {AllowTestSelection.Switch} to confirm, or use {Selection.Switch} {SelectionMode.Validation.Name()}."),
    ];
}
