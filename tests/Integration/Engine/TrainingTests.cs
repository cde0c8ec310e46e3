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

    [Fact]
    public void MeasuredVariationEqualsHandComputationForBothNormalisations()
    {
        using var tiny = SyntheticImages.Training(count: 32);
        var (network, trainer) = (tiny.Network, tiny.Trainer);
        var partition = network.Partition;
        var before = CopyWeights(partition);
        using var start = TrainingSnapshot.Capture(trainer);
        trainer.RunEpoch(1, _ => Rates(0.05, 4));
        var after = CopyWeights(partition);
        var changes = BlockVariation.Changes(partition, start);
        var perWeight = BlockVariation.Variations(changes, Normalisation.PerWeight);
        var perSqrt = BlockVariation.Variations(changes, Normalisation.PerSqrtWeight);
        for (var k = 0; k < partition.BlockCount; k++)
        {
            var squared = 0.0;
            var n = 0L;
            foreach (var name in before[k].Keys)
            {
                var w0 = before[k][name];
                var w1 = after[k][name];
                for (var i = 0; i < w0.Length; i++) squared += ((double)w1[i] - w0[i]) * ((double)w1[i] - w0[i]);
                n += w0.Length;
            }
            Assert.True(squared > 0);
            // The engine sums each tensor in float32 (one fused pass); this sums every element in float64.
            Assert.Equal(Math.Sqrt(squared) / n, perWeight[k], 1e-5 * perWeight[k]);
            Assert.Equal(Math.Sqrt(squared) / Math.Sqrt(n), perSqrt[k], 1e-5 * perSqrt[k]);
        }
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
