using AutoLR.Algorithms;
using AutoLR.RunFormat.Trace;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.FineTuning;
using AutoLR.Torch.Training;
using AutoLR.Torch.Weights;
using Microsoft.FSharp.Core;
using static TorchSharp.torch;

namespace AutoLR.Integration.Engine;

[Trait(Tier.Name, Tier.Full)]
[Collection(TorchGlobalStateCollection.Name)]
public class AutoLrLoopTests
{
    /// <summary>The defaults, but τ = 1 can never be beaten (SQ ≤ 1), so every epoch retries up to a cap of 3, unless
    /// a retry would repeat a trial's LRs (a sorted trial keeps every target at v in eqs. 12–13, so eq. 16 keeps every
    /// LR); α &lt; β keeps the target range non-empty.</summary>
    private static ControllerOptions ForcedRetries(double baseLr) =>
        AutoLrController.defaults(baseLr).WithAlpha(0.5).WithBeta(1.0).WithThreshold(ThresholdSchedule.NewConstant(1.0)).WithTrialCap(3);

    [Fact]
    public void ForcedRetriesWriteATraceThatTheCoreFunctionsReproduce()
    {
        using var tiny = SyntheticImages.Training(count: 48);
        var trainer = tiny.Trainer;
        var options = ForcedRetries(0.01);
        var directory = Directory.CreateTempSubdirectory("autolr-trace-");
        var path = Path.Combine(directory.FullName, "trace.jsonl");
        using (var trace = new TraceWriter(path))
        {
            using var run = AutoLrFineTuning.Start(trainer, options, 0.01, trace);
            run.Run(3);
            Assert.Equal(4, run.State.Epoch);
        }

        var lines = TraceFile.Read(path);
        Assert.Equal([1, 2, 3], lines.Select(l => l.Epoch).Distinct());
        foreach (var epoch in lines.GroupBy(l => l.Epoch))
            Assert.Equal(Enumerable.Range(1, epoch.Count()), epoch.Select(l => l.Trial));
        Assert.All(lines, l => Assert.InRange(l.Trial, 1, 3));
        Assert.Contains("\"sortingQuality\":", File.ReadLines(path).First());
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            Assert.Equal(["layer1.0", "layer2.0", "layer3.0", "layer4.0"], line.Layers);
            Assert.Equal(SortingQuality.sortingQuality(line.Variations), line.SortingQuality);
            Assert.Equal(1.0, line.Threshold);
            Assert.Equal(0.5 * line.Lrs[0], line.StemLr, 1e-15);
            Assert.Equal(0.1, line.HeadLr, 1e-15);
            if (line.Trial == 1 && line.Epoch == 1)
            {
                Assert.Equal([0.01, 0.01, 0.01, 0.01], line.Lrs);
                Assert.Equal(((FSharpResult<double[], TargetError>)InitialTargets.initialTargets(0.5, 1.0, line.Variations)).ResultValue, line.Targets!.Value);
            }
            var renewed = LrRenewalModule.renewLearningRates(options.LrMin, options.LrMax, line.Lrs, line.Targets!.Value, line.Variations);
            var epochEnds = i + 1 == lines.Count || lines[i + 1].Epoch != line.Epoch;
            if (!epochEnds)
            {
                Assert.False(line.Accepted);
                Assert.Equal(renewed.Lrs, line.NextLrs!.Value);
                Assert.Equal(line.NextLrs!.Value, lines[i + 1].Lrs);
            }
            else
            {
                var trials = lines.Skip(i + 1 - line.Trial).Take(line.Trial).ToList();
                if (line.Trial < 3)
                {
                    var repeated = trials.First(t => t.Lrs.SequenceEqual(renewed.Lrs)).Trial;
                    Assert.Contains($"repeated-lrs:trial{repeated}", line.Events);
                }
                else Assert.Contains("trial-cap-reached", line.Events);
                var best = trials.MaxBy(l => l.SortingQuality)!;
                if (i + 1 < lines.Count) Assert.Equal(best.Lrs, lines[i + 1].Lrs);
            }
            if (line.Trial > 1) Assert.Equal(lines[i - 1].Targets!.Value, line.Targets!.Value);
        }
    }

    [Fact]
    public void AcceptBestRestoresTheBestTrialsEndState()
    {
        using var tiny = SyntheticImages.Training(count: 32);
        var trainer = tiny.Trainer;
        var options = ForcedRetries(0.01);
        using var run = AutoLrFineTuning.Start(trainer, options, 0.01, trace: null);
        using var start = TrainingSnapshot.Capture(trainer);
        run.RunEpoch();
        using var end = TrainingSnapshot.Capture(trainer);

        // Replay the best trial alone from the epoch's start with its LRs: the end state must match bit for bit.
        var records = run.Records;
        var best = records.MaxBy(r => r.SortingQuality)!;
        start.RestoreInto(trainer);
        trainer.RunEpoch(1, _ => new TrialLearningRates(best.StemLr, best.Lrs, best.HeadLr));
        using var replayed = TrainingSnapshot.Capture(trainer);
        TrainingTests.AssertSameState(replayed, end);
    }

    [Fact]
    public void LiveTensorCountStaysFlatAcrossEpochsWithRetries()
    {
        using var tiny = SyntheticImages.Training(count: 32);
        var trainer = tiny.Trainer;
        using var run = AutoLrFineTuning.Start(trainer, ForcedRetries(0.01), 0.01, trace: null);
        // Epoch 1 starts without momentum buffers, so epoch 2's snapshot allocates its copies once; from then on flat.
        run.RunEpoch();
        run.RunEpoch();
        var settled = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        run.RunEpoch();
        run.RunEpoch();
        Assert.Equal(settled, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void CancellationRestoresTheEpochStart()
    {
        using var tiny = SyntheticImages.Training(count: 48);
        var trainer = tiny.Trainer;
        using var run = AutoLrFineTuning.Start(trainer, AutoLrController.defaults(0.01), 0.01, trace: null);
        using var start = TrainingSnapshot.Capture(trainer);
        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => run.RunEpoch(cancel.Token, p => { if (p.Batch == 2) cancel.Cancel(); }));
        using var after = TrainingSnapshot.Capture(trainer);
        TensorAssert.IdenticalEntries(start.Network, after.Network);
        Assert.Equal(start.FlipGeneratorState, after.FlipGeneratorState);
        Assert.Equal(1, run.State.Epoch);
        Assert.Equal(0, run.State.TrialsThisEpoch);
    }

    [Fact]
    public void RepeatedDivergenceAbortsAndKeepsTheLastGoodState()
    {
        using var tiny = SyntheticImages.Training(count: 32);
        var trainer = tiny.Trainer;
        // An LR of 10³⁵ overflows float32 within two steps in every trial, even after halving, so the third diverged trial
        // stops the run; the upper LR bound is raised so that halving, not the default bound of 1, lowers it.
        using var run = AutoLrFineTuning.Start(trainer, AutoLrController.defaults(1e35).WithLrBounds(1e-5, 1e38), 1e35, trace: null);
        using var start = TrainingSnapshot.Capture(trainer);
        var error = Assert.Throws<TrainingAbortedException>(() => run.RunEpoch());
        Assert.Contains("Lower the base LR", error.Message);
        Assert.Equal(3, run.Records.Count);
        Assert.All(run.Records, r => Assert.Contains("divergence", r.Events));
        using var after = TrainingSnapshot.Capture(trainer);
        TrainingTests.AssertSameState(start, after);
    }

    [Fact]
    public void BaselineScheduleSetsEveryGroupsRatePerBatch()
    {
        using var tiny = SyntheticImages.Training(count: 32);
        var trainer = tiny.Trainer;
        var schedule = Schedule.NewDiscriminative(0.001, 0.008);
        var run = new ScheduledFineTuning(trainer, schedule);
        run.Run(1);
        var expected = Enumerable.Range(0, 6).Select(layer => Schedules.learningRate(schedule, 0, 1, layer, 4));
        Assert.Equal(expected, trainer.Optimizer.GroupSettings.Select(g => g.LearningRate));
    }

    /// <summary>
    /// What each depth of Algorithm 1 starts from (the search itself is driven by the host's PruningPlan, tested end
    /// to end in PruneJobTests): the pre-trained network with the top p blocks removed, the kept blocks' weights as
    /// they were.
    /// </summary>
    [Fact]
    public void APretrainedNetworkAtDepthPKeepsTheLowerBlocksWeights()
    {
        var pretrained = SyntheticImages.Network(seed: 21).Backbone.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var built = new List<(int Depth, int Blocks, long Width)>();
        foreach (var depth in new[] { 0, 1, 2 })
        {
            using var network = PretrainedNetwork.Create(SyntheticImages.Tiny, depth, pretrained, "tiny pre-trained", 4, HeadOptions.Default, 1, CPU);
            var kept = network.Backbone.BlockNames[^1];
            Assert.True(TensorAssert.Identical(pretrained[kept + ".conv2.weight"], network.Backbone.state_dict()[kept + ".conv2.weight"]));
            built.Add((depth, network.Backbone.Blocks.Count, network.Backbone.EmbeddingWidth));
        }
        Assert.Equal([(0, 4, 512L), (1, 3, 256L), (2, 2, 128L)], built);
    }
}
