using AutoLR.Algorithms;

namespace AutoLR.Torch.Weights;

/// <summary>
/// The network to fine-tune (<see cref="PretrainedBackbones"/>), where its pre-trained weights come from, and how many
/// of its top blocks to remove, each setting declared once.
/// </summary>
public static class BackboneSettings
{
    /// <summary>The backbone and its weights: every command that builds a network from the settings takes them; a sweep's cells share them.</summary>
    public static readonly SettingGroup Group = new("backbone", sweepable: false);

    /// <summary>The pruning depth of a single fine-tune: finetune, sweep and compare take it (run and prune search for it).</summary>
    public static readonly SettingGroup DepthGroup = new("pruning depth", sweepable: true);

    /// <summary>The first backbone whose ImageNet weights ship with the build (NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18).</summary>
    public static string Shipped { get; } = PretrainedBackbones.All.First(b => b.Shipped is not null).Name;

    public static readonly Setting<string> Backbone = Setting.Choice("Backbone", "Network to fine-tune.", [Group],
        PretrainedBackbones.All.Select(b => new SettingChoice(b.Name, b.Shipped is null ? "needs --weights" : $"the {b.Shipped.Description} weights ship with the build")),
        Shipped);

    public static readonly Setting<string> Weights = Setting.Path("Weights",
        "Pre-trained weights file (safetensors, torchvision parameter names). Empty means the backbone's shipped weights.", [Group], "")
        .CheckedBy(file => file.Length == 0 || File.Exists(file) ? null
            : $"no such file ({Path.GetFullPath(file)}); give the path of a pre-trained weights file.");

    /// <summary>The starting weights' names, as --init spells them.</summary>
    public const string Pretrained = "pretrained", RandomInit = "random";

    // The from-scratch control of the regime benchmark: fine-tuning can only be said to keep pre-trained features
    // where training the same network from random weights, on the same data and epochs, does worse.
    public static readonly Setting<string> Init = Setting.Choice("Init", "Where the backbone's weights start.", [Group],
        [
            new SettingChoice(Pretrained, "the pre-trained weights (--weights, or the backbone's shipped ones)"),
            new SettingChoice(RandomInit, "torchvision's random initialisation, seeded by --seed; no weights are loaded: the from-scratch control"),
        ], Pretrained);

    public static readonly Setting<int> PruningDepth = Setting.Integer("PruningDepth",
        "Top blocks removed before fine-tuning (finetune, sweep); below the backbone's block count K.",
        [DepthGroup], 0, SettingRange.Integers(0, 1000));

    /// <summary>The settings, in the order help lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } = [PruningDepth, Backbone, Weights, Init];

    /// <summary>Weights for the backbones whose weights do not ship; at least one block left after pruning.</summary>
    public static IReadOnlyList<SettingRule> Rules { get; } =
    [
        SettingRule.Of([Weights, Backbone], [], values =>
            values.Get(Weights).Length > 0 || PretrainedBackbones.Find(values.Get(Backbone)).Shipped is not null ? null
                : $"no pre-trained weights ship for {values.Get(Backbone)}; give a safetensors file with {Weights.Switch}, or use {Backbone.Switch} {Shipped}."),
        // Removing K or more of K blocks leaves nothing to fine-tune; the network could not even be built.
        SettingRule.Of([PruningDepth, Backbone], [], values =>
        {
            var blocks = PretrainedBackbones.Find(values.Get(Backbone)).Spec().BlockCount;
            return values.Get(PruningDepth) < blocks ? null
                : $"{values.Get(Backbone)} has K = {blocks} blocks and at least one must remain; use a pruning depth in 0..{blocks - 1}.";
        }),
    ];
}
