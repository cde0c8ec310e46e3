using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.FineTuning;
using AutoLR.Torch.Training;
using static TorchSharp.torch;

namespace AutoLR.Integration.Engine;

[Trait(Tier.Name, Tier.Full)]
[Collection(TorchGlobalStateCollection.Name)]
public class TrainingTests
{
    private static TrialLearningRates Rates(double lr, int k) => new(0.5 * lr, Enumerable.Repeat(lr, k).ToArray(), 10 * lr);

    /// <summary>
    /// What the engine guarantees: with one fixed batch (no shuffle to speak of, no flips, no dropout) and plain SGD
    /// (no momentum, no weight decay), every epoch is one gradient step on the same function, so a small enough step
    /// lowers the loss (the descent lemma), and each epoch's loss is the loss before its step. A mini-batch run with
    /// momentum and dropout guarantees nothing of the kind: on an AVX-512 CPU its epoch losses went 0.199, 1.156,
    /// 0.165, 0.233. Margin: here the losses fall 1.39, 0.78, 0.51, 0.37, 0.29 (ln 4 ≈ 1.386 at the start), so the
    /// smallest step is 0.08 (over 20 %) and the total a factor 5; a different CPU's float32 rounding moves a loss by
    /// about 1e-6 relative per step, five orders of magnitude below either assertion.
    /// </summary>
    [Fact]
    public void LossDecreases()
    {
        using var data = SyntheticImages.Create(count: 16);
        using var network = SyntheticImages.Network(head: new HeadOptions.Authors(DropoutRate: 0));
        var plainSgdOnOneBatch = SyntheticImages.Options() with { BatchSize = 16, FlipProbability = 0, Momentum = 0, Nesterov = false, WeightDecay = 0 };
        using var trainer = new EpochTrainer(network, data, plainSgdOnOneBatch, CPU);
        var run = ScheduledFineTuning.SingleLearningRate(trainer, 0.001);
        run.Run(5);
        var losses = run.EpochLosses;
        var shown = $"losses {string.Join(", ", losses)}";
        Assert.All(losses.Zip(losses.Skip(1)), step => Assert.True(step.Second < 0.9 * step.First, shown));
        Assert.True(losses[^1] < 0.5 * losses[0], shown);
    }

    [Fact]
    public void EachOptimiserGroupHasTheAskedSettings()
    {
        using var tiny = SyntheticImages.Training(count: 32);
        var trainer = tiny.Trainer;
        trainer.Optimizer.SetLearningRates(new TrialLearningRates(0.005, [0.01, 0.02, 0.03, 0.04], 0.1));
        var groups = trainer.Optimizer.GroupSettings;
        Assert.Equal(["stem", "layer1.0", "layer2.0", "layer3.0", "layer4.0", "head"], groups.Select(g => g.Name));
        Assert.Equal([0.005, 0.01, 0.02, 0.03, 0.04, 0.1], groups.Select(g => g.LearningRate));
        Assert.All(groups, g => Assert.Equal((0.9, true, 5e-4), (g.Momentum, g.Nesterov, g.WeightDecay)));
    }

    [Fact]
    public void SameSeedGivesIdenticalWeights()
    {
        using var data = SyntheticImages.Create(count: 64);
        Dictionary<string, Tensor> TrainOnce()
        {
            using var network = SyntheticImages.Network(seed: 11);
            using var trainer = new EpochTrainer(network, data, SyntheticImages.Options(seed: 5), CPU);
            trainer.RunEpoch(1, _ => Rates(0.01, 4));
            trainer.RunEpoch(2, _ => Rates(0.01, 4));
            return network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        }
        var first = TrainOnce();
        var second = TrainOnce();
        TensorAssert.IdenticalEntries(first, second);
    }

    [Fact]
    public void RestoredTrialIsBitIdentical()
    {
        using var tiny = SyntheticImages.Training(count: 64);
        var trainer = tiny.Trainer;
        // Epoch 1 from a snapshot without momentum buffers, then epoch 2 from one with them: both must replay exactly.
        foreach (var epoch in new[] { 1, 2 })
        {
            using var start = TrainingSnapshot.Capture(trainer);
            trainer.RunEpoch(epoch, _ => Rates(0.02, 4));
            using var first = TrainingSnapshot.Capture(trainer);
            start.RestoreInto(trainer);
            trainer.RunEpoch(epoch, _ => Rates(0.02, 4));
            using var retried = TrainingSnapshot.Capture(trainer);
            AssertSameState(first, retried);
        }
    }

    /// <summary>
    /// Every field of the Torch side's measurement against its float64 definition (<see cref="BlockMeasurementModule.between"/>),
    /// within what float32 reductions allow, and Σ ΔW² exactly what eq. 1 was measured with before the record existed:
    /// mse_loss(W, W_start, Sum) per tensor, added in float64.
    /// </summary>
    [Fact]
    public void MeasurementsMatchTheirDefinitionAndEq1IsMeasuredAsBefore()
    {
        using var tiny = SyntheticImages.Training(count: 32);
        var (network, trainer) = (tiny.Network, tiny.Trainer);
        var partition = network.Partition;
        var before = CopyWeights(partition);
        using var start = TrainingSnapshot.Capture(trainer);
        using var variation = new BlockVariation(partition);
        variation.StartAt(start);
        trainer.RunEpoch(1, _ => Rates(0.05, 4));
        var after = CopyWeights(partition);
        var measured = variation.Measure();
        Assert.Equal(partition.BlockCount, measured.Length);
        for (var k = 0; k < partition.BlockCount; k++)
        {
            double[] Flat(Dictionary<string, float[]> weights) => [.. before[k].Keys.SelectMany(name => weights[name]).Select(w => (double)w)];
            var reference = BlockMeasurementModule.between(Flat(before[k]), Flat(after[k]));
            var m = measured[k];
            Assert.True(reference.SquaredChange > 0);
            Assert.Equal(reference.WeightCount, m.WeightCount);
            Assert.Equal(reference.SquaredChange, m.SquaredChange, 1e-5 * reference.SquaredChange);
            Assert.Equal(reference.StartSquaredNorm, m.StartSquaredNorm, 1e-5 * reference.StartSquaredNorm);
            Assert.Equal(reference.RadialChange, m.RadialChange, 1e-5 * Math.Sqrt(reference.StartSquaredNorm * reference.SquaredChange));
            Assert.Equal(reference.EndSquaredNorm, m.EndSquaredNorm, 1e-5 * reference.EndSquaredNorm);

            using var noGrad = no_grad();
            var asBefore = 0.0;
            foreach (var (name, weight) in partition.Blocks[k].VariationWeights)
            {
                using var sum = nn.functional.mse_loss(weight, start.Network[name], nn.Reduction.Sum);
                asBefore += sum.item<float>();
            }
            Assert.Equal(asBefore, m.SquaredChange);
        }
    }

    /// <summary>
    /// What keeping a retried trial as the best does instead of copying it: the snapshot takes the trainer's state (as a
    /// fresh capture would hold it), the trainer holds the snapshot's former state, and training from either after a
    /// restore is what it is from copies.
    /// </summary>
    [Fact]
    public void ExchangeTakesTheTrainersStateAndLeavesItTheSnapshotsFormerOne()
    {
        using var tiny = SyntheticImages.Training(count: 64);
        var trainer = tiny.Trainer;
        trainer.RunEpoch(1, _ => Rates(0.02, 4));
        using var former = TrainingSnapshot.Capture(trainer);
        using var exchanged = TrainingSnapshot.Capture(trainer);
        trainer.RunEpoch(2, _ => Rates(0.02, 4));
        using var current = TrainingSnapshot.Capture(trainer);

        exchanged.ExchangeWith(trainer);
        AssertSameState(current, exchanged);
        using (var left = TrainingSnapshot.Capture(trainer))
        {
            TensorAssert.IdenticalEntries(former.Network, left.Network);
            Assert.Equal(former.Momentum.Count, left.Momentum.Count);
            for (var i = 0; i < former.Momentum.Count; i++) Assert.True(TensorAssert.Identical(former.Momentum[i]!, left.Momentum[i]!), $"momentum buffer {i}");
        }

        current.RestoreInto(trainer);
        trainer.RunEpoch(3, _ => Rates(0.02, 4));
        using var fromCopy = TrainingSnapshot.Capture(trainer);
        exchanged.RestoreInto(trainer);
        trainer.RunEpoch(3, _ => Rates(0.02, 4));
        using var fromExchange = TrainingSnapshot.Capture(trainer);
        AssertSameState(fromCopy, fromExchange);
    }

    [Fact]
    public void OverwrittenSnapshotEqualsAFreshCapture()
    {
        using var tiny = SyntheticImages.Training(count: 32);
        var trainer = tiny.Trainer;
        using var reused = TrainingSnapshot.Capture(trainer);
        trainer.RunEpoch(1, _ => Rates(0.02, 4));
        reused.Overwrite(trainer);
        using var fresh = TrainingSnapshot.Capture(trainer);
        AssertSameState(fresh, reused);
    }

    [Fact]
    public void SnapshotSurvivesAFileRoundTripAndResumesIdentically()
    {
        using var tiny = SyntheticImages.Training(count: 32);
        var trainer = tiny.Trainer;
        trainer.RunEpoch(1, _ => Rates(0.02, 4));
        using var saved = TrainingSnapshot.Capture(trainer);
        var file = new MemoryStream();
        SnapshotFile.Save(saved, file);
        trainer.RunEpoch(2, _ => Rates(0.02, 4));
        using var direct = TrainingSnapshot.Capture(trainer);

        file.Position = 0;
        using var loaded = SnapshotFile.Load(file);
        AssertSameState(saved, loaded);
        loaded.RestoreInto(trainer);
        trainer.RunEpoch(2, _ => Rates(0.02, 4));
        using var resumed = TrainingSnapshot.Capture(trainer);
        AssertSameState(direct, resumed);
    }

    [Fact]
    public void CancellationStopsAtABatchBoundary()
    {
        using var tiny = SyntheticImages.Training(count: 64);
        var trainer = tiny.Trainer;
        using var cancel = new CancellationTokenSource();
        var seen = new List<int>();
        Assert.Throws<OperationCanceledException>(() => trainer.RunEpoch(1, _ => Rates(0.01, 4), cancel.Token, p =>
        {
            seen.Add(p.Batch);
            if (p.Batch == 2) cancel.Cancel();
        }));
        Assert.Equal([1, 2], seen);
    }

    private static Dictionary<string, float[]>[] CopyWeights(LayerPartition partition) =>
        partition.Blocks.Select(b => b.VariationWeights.ToDictionary(w => w.Name, w => w.Parameter.data<float>().ToArray())).ToArray();

    internal static void AssertSameState(TrainingSnapshot expected, TrainingSnapshot actual)
    {
        TensorAssert.IdenticalEntries(expected.Network, actual.Network);
        Assert.Equal(expected.Momentum.Count, actual.Momentum.Count);
        for (var i = 0; i < expected.Momentum.Count; i++)
            Assert.True(
                expected.Momentum[i] is null ? actual.Momentum[i] is null : actual.Momentum[i] is { } m && TensorAssert.Identical(expected.Momentum[i]!, m),
                $"momentum buffer {i}");
        Assert.Equal(expected.FlipGeneratorState, actual.FlipGeneratorState);
        Assert.True(TensorAssert.Identical(expected.TorchGeneratorState, actual.TorchGeneratorState), "torch generator state");
    }
}
