using AutoLR.Algorithms;
using AutoLR.Integration.Engine;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.FineTuning;
using AutoLR.Torch.OwnLoop;
using AutoLR.Torch.Training;
using System.Text.RegularExpressions;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoLR.Integration.OwnLoop;

[Trait(Tier.Name, Tier.Full)]
[Collection(TorchGlobalStateCollection.Name)]
public class AutoLrTunerTests
{
    /// <summary>τ = 1 is never beaten, so every epoch retries up to the cap of 3 (or until LRs would repeat) and ends
    /// with AcceptBest: retries, the kept best trial and both restores all run.</summary>
    private static ControllerOptions ForcedRetries(double baseLr) =>
        AutoLrController.defaults(baseLr).WithAlpha(0.5).WithBeta(1.0).WithThreshold(ThresholdSchedule.NewConstant(1.0)).WithTrialCap(3);

    /// <summary>
    /// The tuner around a hand-written epoch that does what <see cref="EpochTrainer"/> does — the same order, flips,
    /// loss and optimiser — writes the command line engine's trace: the same trials, LRs, variations, SQ, targets,
    /// events and losses. Exact equality holds because both run the same floating-point operations in the same order
    /// on one machine and CPU restores are exact copies (the optimiser's through its own serialisation); only the
    /// seconds differ.
    /// </summary>
    [Fact]
    public void AHandWrittenEpochUnderTheTunerWritesTheEnginesTrace()
    {
        var options = ForcedRetries(0.01);
        List<TrialRecord> engine, kept;
        using (var tiny = SyntheticImages.Training(count: 48))
        using (var run = AutoLrFineTuning.Start(tiny.Trainer, options, 0.01, null))
        {
            kept = [run.RunEpoch(), run.RunEpoch()];
            engine = run.Records;
        }

        using var data = SyntheticImages.Create(48);
        using var network = SyntheticImages.Network();
        var training = SyntheticImages.Options();
        var layers = TunedLayers.Of(network);
        using var optimizer = new LayerwiseOptimizer(layers, training);
        random.manual_seed(training.Seed);
        var flips = new TrainingRandom(training.Seed);
        using var tuner = new AutoLrTuner(network, layers, optimizer.Sgd, options, ownState: () =>
        {
            var state = flips.State;
            return () => flips.State = state;
        });
        var accepted = Enumerable.Range(1, 2).Select(_ => tuner.RunEpoch((epoch, sgd) => OwnEpoch(network, data, training, flips, epoch, sgd))).ToList();

        Assert.Equal(engine.Count, tuner.Records.Count);
        Assert.Contains(engine, r => r.Trial > 1);
        Assert.Equal(engine.Select(WithoutTime), tuner.Records.Select(WithoutTime));
        Assert.Equal(kept.Select(WithoutTime), accepted.Select(WithoutTime));
    }

    /// <summary>
    /// A model of the user's own, grouped by a name → module map, tuned with Adam: every group gets the LR the
    /// controller hands out for the trial, and a retried trial starts from the epoch's start (its first batch sees
    /// the same weights), so the trace's first trials of an epoch and its retries share one starting loss.
    /// </summary>
    [Fact]
    public void AUsersMapAndAdamAreTunedTrialByTrial()
    {
        using var model = OwnModel();
        var layers = TunedLayers.FromMap(model, new LayerLayout(new LayerDeclaration("stem", ["0"], []),
            [new LayerDeclaration("one", ["2"], []), new LayerDeclaration("two", ["4"], []), new LayerDeclaration("three", ["6"], [])]), ["8"]);
        using var adam = optim.Adam(layers.ParamGroups(ps => new Adam.ParamGroup(ps, new Adam.Options { LearningRate = 0 })));
        using var inputs = randn(64, 8, generator: new Generator(5));
        using var targets = inputs.sum(1).gt(0).to(ScalarType.Int64);
        var seen = new List<double[]>();
        var firstLosses = new List<double>();
        using var tuner = new AutoLrTuner(model, layers, adam, ForcedRetries(1e-3));
        tuner.RunEpoch((_, optimizer) =>
        {
            seen.Add(optimizer.ParamGroups.Select(g => g.LearningRate).ToArray());
            var sum = 0.0;
            for (var b = 0; b < 4; b++)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.forward(inputs.narrow(0, 16 * b, 16)), targets.narrow(0, 16 * b, 16));
                if (b == 0) firstLosses.Add(loss.item<float>());
                loss.backward();
                optimizer.step();
                sum += loss.item<float>();
            }
            return sum / 4;
        });

        Assert.Equal(["one", "two", "three"], tuner.Records[0].Layers);
        Assert.True(tuner.Records.Count > 1);
        foreach (var (record, lrs) in tuner.Records.Zip(seen))
            Assert.Equal([record.StemLr, .. record.Lrs, record.HeadLr], lrs);
        Assert.All(firstLosses, loss => Assert.Equal(firstLosses[0], loss));
    }

    /// <summary>An epoch function that throws in a retry (a cancelled run, say) leaves the model, the optimiser and the
    /// controller at the epoch's start, so the epoch can be run again from there.</summary>
    [Fact]
    public void AnEpochThatThrowsLeavesTheEpochsStart()
    {
        using var model = OwnModel();
        var layers = TunedLayers.FromMap(model, new LayerLayout(new LayerDeclaration("stem", ["0"], []),
            [new LayerDeclaration("one", ["2"], []), new LayerDeclaration("two", ["4"], []), new LayerDeclaration("three", ["6"], [])]), ["8"]);
        using var sgd = optim.SGD(layers.ParamGroups(ps => new SGD.ParamGroup(ps, new SGD.Options { LearningRate = 0 })), 0, momentum: 0.9);
        using var inputs = randn(16, 8, generator: new Generator(5));
        using var targets = inputs.sum(1).gt(0).to(ScalarType.Int64);
        var start = model.parameters().Select(p => p.detach().clone()).ToArray();
        using var tuner = new AutoLrTuner(model, layers, sgd, ForcedRetries(0.1));
        var trials = 0;

        Assert.Throws<OperationCanceledException>(() => tuner.RunEpoch((_, optimizer) =>
        {
            optimizer.zero_grad();
            using var loss = nn.functional.cross_entropy(model.forward(inputs), targets);
            loss.backward();
            optimizer.step();
            // The retry is stopped after its step, so the model is no longer at the epoch's start.
            if (++trials == 2) throw new OperationCanceledException();
            return loss.item<float>();
        }));

        Assert.Equal(1, tuner.State.Epoch);
        Assert.Equal(0, tuner.State.TrialsThisEpoch);
        Assert.All(model.parameters().Zip(start), pair => Assert.True(pair.First.eq(pair.Second).all().item<bool>()));
        foreach (var t in start) t.Dispose();
    }

    [Fact]
    public void AMapThatLeavesAParameterOutNamesIt()
    {
        using var model = OwnModel();
        var error = Assert.Throws<ArgumentException>(() => TunedLayers.FromMap(model, new LayerLayout(new LayerDeclaration("stem", ["0"], []),
            [new LayerDeclaration("one", ["2"], []), new LayerDeclaration("two", ["4"], [])]), ["8"]));
        Assert.Contains("Parameter '6.weight' belongs to no layer", error.Message);
    }

    [Fact]
    public void AnOptimiserWithoutOneGroupPerLayerIsRefused()
    {
        using var model = OwnModel();
        var layers = TunedLayers.FromMap(model, new LayerLayout(new LayerDeclaration("stem", ["0"], []),
            [new LayerDeclaration("one", ["2"], []), new LayerDeclaration("two", ["4", "6"], [])]), ["8"]);
        using var sgd = optim.SGD(model.parameters(), 0.1);
        var error = Assert.Throws<ArgumentException>(() => new AutoLrTuner(model, layers, sgd, AutoLrController.defaults(0.1)));
        Assert.Contains("1 parameter groups but the layers need 4", error.Message);
    }

    /// <summary>Five linear maps with ReLUs between them: parameters 0.*, 2.*, 4.*, 6.*, 8.*.</summary>
    private static nn.Module<Tensor, Tensor> OwnModel()
    {
        random.manual_seed(11);
        return nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(),
            nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 2));
    }

    /// <summary>One epoch as <see cref="EpochTrainer"/> trains it, written out as a user would.</summary>
    private static double OwnEpoch(RetrievalNetwork network, IImageDataset data, TrainingOptions training, TrainingRandom flips, int epoch, OptimizerHelper optimizer)
    {
        var order = TrainingRandom.EpochOrder(training.Seed, epoch, data.Count);
        var labels = data.Labels.Select(l => (long)l).ToArray();
        var batches = data.Count / training.BatchSize;
        var sum = 0.0;
        network.train();
        for (var b = 0; b < batches; b++)
        {
            using var scope = NewDisposeScope();
            var indices = order.AsSpan(b * training.BatchSize, training.BatchSize);
            var images = data.GetBatch(indices);
            var mirrored = new bool[indices.Length];
            for (var i = 0; i < mirrored.Length; i++) mirrored[i] = flips.NextDouble() < training.FlipProbability;
            var input = where(tensor(mirrored).view(-1, 1, 1, 1), images.flip(3), images);
            var target = tensor(indices.ToArray().Select(i => labels[i]).ToArray());
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(network.forward(input), target);
            loss.backward();
            optimizer.step();
            sum += loss.item<float>();
        }
        return sum / batches;
    }

    /// <summary>The trace line without its seconds, the one field two runs of the same computation may differ in.</summary>
    private static string WithoutTime(TrialRecord record) => Regex.Replace(TraceLine.write(record), "\"seconds\":[^,}]*", "");
}
