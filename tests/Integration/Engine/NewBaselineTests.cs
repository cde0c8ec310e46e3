using AutoLR.Algorithms;
using AutoLR.Integration.Data;
using AutoLR.Torch.FineTuning;
using AutoLR.Torch.Training;
using static TorchSharp.torch;

namespace AutoLR.Integration.Engine;

/// <summary>LP-FT and Auto-RGN on the engine (issue 11 §1): what the F# properties cannot see, the tensors.</summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(TorchGlobalStateCollection.Name)]
public class NewBaselineTests
{
    private static Dictionary<string, Tensor> Backbone(EpochTrainer trainer, bool withBuffers) =>
        (withBuffers ? trainer.Network.Backbone.state_dict() : trainer.Network.Backbone.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter))
        .ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    private static BaselineSchedule Named(string name) => ScheduleCatalog.baselines.First(b => b.Name == name);

    /// <summary>
    /// During LP-FT's probe (2 of 4 epochs) the backbone — weights and BatchNorm running statistics — is bit for bit
    /// the pre-trained one while the head learns (momentum and weight decay on: LR 0 must still mean no update, and
    /// eval mode keeps the statistics); after the probe the backbone moves.
    /// </summary>
    [Fact]
    public void LpFtLeavesTheBackboneBitUnchangedDuringTheProbe()
    {
        using var tiny = SyntheticImages.Training(count: 64);
        var trainer = tiny.Trainer;
        var parameters = ScheduleParameters.withValues([Tuple.Create("LpShare", 0.5)]);
        using var folder = new TempFolder();
        using var trace = new TraceWriter(Path.Combine(folder.Path, "trace.jsonl"));
        using var lpFt = new BaselineFineTuning(trainer, Named("lp-ft"), parameters, 0.01, 4, Normalisations.perWeight,
            ThresholdSchedule.NewConstant(0.94), trace, 0);
        var before = Backbone(trainer, withBuffers: true);
        var head = trainer.Network.Head.parameters().First().detach().clone();

        lpFt.RunEpoch();
        lpFt.RunEpoch();
        foreach (var (name, value) in Backbone(trainer, withBuffers: true))
            Assert.True(Same(value, before[name]), $"{name} changed during the linear probe");
        Assert.False(Same(trainer.Network.Head.parameters().First(), head), "the head did not learn during the probe");

        lpFt.RunEpoch();
        Assert.Contains(Backbone(trainer, withBuffers: false), kv => !Same(kv.Value, before[kv.Key]));
    }

    /// <summary>
    /// The frozen baseline keeps the backbone — weights and BatchNorm running statistics — bit for bit the pre-trained
    /// one through every epoch (momentum and weight decay on), while the head learns.
    /// </summary>
    [Fact]
    public void FrozenLeavesTheBackboneBitUnchangedThroughout()
    {
        using var tiny = SyntheticImages.Training(count: 64);
        var trainer = tiny.Trainer;
        using var folder = new TempFolder();
        using var trace = new TraceWriter(Path.Combine(folder.Path, "trace.jsonl"));
        using var frozen = new BaselineFineTuning(trainer, Named("frozen"), ScheduleParameters.withValues([]), 0.01, 3, Normalisations.perWeight,
            ThresholdSchedule.NewConstant(0.94), trace, 0);
        var before = Backbone(trainer, withBuffers: true);
        var head = trainer.Network.Head.parameters().First().detach().clone();

        for (var epoch = 0; epoch < 3; epoch++) frozen.RunEpoch();

        foreach (var (name, value) in Backbone(trainer, withBuffers: true))
            Assert.True(Same(value, before[name]), $"{name} changed although the backbone is frozen");
        Assert.False(Same(trainer.Network.Head.parameters().First(), head), "the head did not learn");
    }

    /// <summary>
    /// Auto-RGN's probe measures a positive RGN for the stem and each block and leaves nothing behind: the epoch after
    /// it trains exactly as an epoch without it (weights, BatchNorm statistics, momentum, dropout and flip draws).
    /// </summary>
    [Fact]
    public void TheRgnProbeMeasuresEveryLayerAndChangesNothing()
    {
        Dictionary<string, Tensor> TrainOneEpoch(bool probeFirst, out double[] rgn)
        {
            using var tiny = SyntheticImages.Training(count: 64);
            var trainer = tiny.Trainer;
            trainer.RunEpoch(1, _ => new TrialLearningRates(0.005, [0.01, 0.01, 0.01, 0.01], 0.1));
            rgn = probeFirst ? RelativeGradientProbe.Measure(trainer, 2, 3) : [];
            trainer.RunEpoch(2, _ => new TrialLearningRates(0.005, [0.01, 0.01, 0.01, 0.01], 0.1));
            return trainer.Network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        }

        var probed = TrainOneEpoch(probeFirst: true, out var rgn);
        var plain = TrainOneEpoch(probeFirst: false, out _);
        Assert.Equal(5, rgn.Length);
        Assert.All(rgn, r => Assert.True(r > 0 && double.IsFinite(r), $"RGN {string.Join(", ", rgn)}"));
        foreach (var (name, value) in plain) Assert.True(Same(value, probed[name]), $"{name} differs after a probe");
    }
}
