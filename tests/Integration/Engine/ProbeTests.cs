using AutoLR.Algorithms;
using AutoLR.Torch.FineTuning;
using AutoLR.Torch.Training;
using AutoLR.RunFormat.Trace;

namespace AutoLR.Integration.Engine;

/// <summary>
/// Trials as probes (issue 12, <see cref="Probe"/>): a probe trains the epoch's first ⌈f·B⌉ batches, only the kept
/// probe finishes the epoch, and the epoch so trained is the one a full-epoch trial with the kept LRs trains.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(TorchGlobalStateCollection.Name)]
public class ProbeTests
{
    /// <summary>96 images in batches of 16: B = 6; f = 0.5 gives probes of 3 batches.</summary>
    private const int Images = 96;

    /// <summary>τ = 1 cannot be beaten, so every epoch retries up to the cap of 3 (or ends on repeated LRs): several
    /// probes per epoch, and a kept probe that is often not the last one.</summary>
    private static ControllerOptions ProbingRetries(double fraction) =>
        AutoLrController.defaults(0.01).WithAlpha(0.5).WithBeta(1.0).WithThreshold(ThresholdSchedule.NewConstant(1.0)).WithTrialCap(3)
            .WithProbeFraction(fraction);

    [Fact]
    public void TheEpochAfterProbesIsTheFullEpochOfTheKeptProbesLrs()
    {
        using var tiny = SyntheticImages.Training(count: Images);
        var trainer = tiny.Trainer;
        using var start = TrainingSnapshot.Capture(trainer);
        using var run = AutoLrFineTuning.Start(trainer, ProbingRetries(0.5), 0.01, trace: null);
        var completed = run.RunEpoch();
        using var end = TrainingSnapshot.Capture(trainer);

        // Replay: one full epoch from the same start with the kept probe's LRs ends in the same state, bit for bit.
        start.RestoreInto(trainer);
        var replay = trainer.RunEpoch(1, _ => new TrialLearningRates(completed.StemLr, completed.Lrs, completed.HeadLr));
        using var replayed = TrainingSnapshot.Capture(trainer);
        TrainingTests.AssertSameState(replayed, end);
        Assert.Equal(BlockVariation.Variations(BlockVariation.Changes(trainer.Optimizer.Partition, start), Normalisation.PerWeight), completed.Variations);
        Assert.Equal(replay.TrainLoss, completed.TrainLoss, 1e-12);
    }

    [Fact]
    public void ProbeLinesCarryTheirWindowAndTheCompletionLineTheRest()
    {
        using var tiny = SyntheticImages.Training(count: Images);
        var directory = Directory.CreateTempSubdirectory("autolr-probe-");
        var path = Path.Combine(directory.FullName, TraceLine.FileName);
        using (var trace = new TraceWriter(path))
        {
            using var run = AutoLrFineTuning.Start(tiny.Trainer, ProbingRetries(0.5), 0.01, trace);
            run.Run(2);
        }

        var lines = TraceFile.Read(path);
        foreach (var epoch in lines.GroupBy(l => l.Epoch))
        {
            var probes = epoch.Where(l => !Probe.isCompletion(l)).ToList();
            var completion = Assert.Single(epoch, Probe.isCompletion);
            Assert.Same(epoch.Last(), completion);
            Assert.InRange(probes.Count, 1, 3);
            Assert.Equal(Enumerable.Range(1, probes.Count), probes.Select(p => p.Trial));
            Assert.All(probes, p => Assert.Equal(new BatchWindow(1, 3, 6), p.Window!.Value));
            Assert.Equal(new BatchWindow(4, 3, 6), completion.Window!.Value);
            // The completion goes on from the kept probe: its trial number and LRs, accepted, named by the event.
            var kept = probes.Single(p => p.Trial == completion.Trial);
            Assert.Equal(kept.Lrs, completion.Lrs);
            Assert.Equal([$"completed-probe:trial{kept.Trial}"], completion.Events);
            Assert.True(completion.Accepted);
            Assert.Equal(SortingQuality.sortingQuality(completion.Variations), completion.SortingQuality);
            // Cost: each probe half an epoch, the completion the other half.
            Assert.Equal(0.5 * probes.Count + 0.5, epoch.Sum(Probe.epochsTrained), 1e-12);
        }
        // The held-out meaning of a line: the probe's variations were measured over 3 batches, the completion's over 6.
        Assert.Contains(lines, l => Probe.isCompletion(l));
        Assert.Contains("\"window\":{\"first\":1,\"count\":3,\"epochBatches\":6}", File.ReadLines(path).First());
    }

    [Fact]
    public void AKillDuringTheCompletionRestoresTheEpochStartAndTheRerunEqualsAnUninterruptedRun()
    {
        using var reference = SyntheticImages.Training(count: Images);
        using (var run = AutoLrFineTuning.Start(reference.Trainer, ProbingRetries(0.5), 0.01, trace: null)) run.Run(2);
        using var expected = TrainingSnapshot.Capture(reference.Trainer);

        using var tiny = SyntheticImages.Training(count: Images);
        var trainer = tiny.Trainer;
        using var interrupted = AutoLrFineTuning.Start(trainer, ProbingRetries(0.5), 0.01, trace: null);
        interrupted.RunEpoch();
        var stateAtEpoch2 = interrupted.State;
        using var epoch2Start = TrainingSnapshot.Capture(trainer);
        using var cancel = new CancellationTokenSource();
        // Batch 5 of 6 is trained only by the completion (probes train batches 1–3).
        Assert.Throws<OperationCanceledException>(() => interrupted.RunEpoch(cancel.Token, p => { if (p.Batch == 5) cancel.Cancel(); }));
        using var afterCancel = TrainingSnapshot.Capture(trainer);
        TrainingTests.AssertSameState(epoch2Start, afterCancel);
        Assert.Same(stateAtEpoch2, interrupted.State);

        // What a resume does: the checkpoint's state and snapshot, a fresh engine, the epoch again.
        using var resumed = new AutoLrFineTuning(trainer, ProbingRetries(0.5), stateAtEpoch2, trace: null);
        resumed.RunEpoch();
        using var actual = TrainingSnapshot.Capture(trainer);
        TrainingTests.AssertSameState(expected, actual);
    }

    [Fact]
    public void FractionOneTrainsWholeEpochTrialsWithoutWindows()
    {
        using var tiny = SyntheticImages.Training(count: Images);
        using var run = AutoLrFineTuning.Start(tiny.Trainer, ProbingRetries(1.0), 0.01, trace: null);
        run.RunEpoch();
        Assert.All(run.Records, r => Assert.Null(r.Window));
        Assert.DoesNotContain(run.Records, r => r.Events.Any(e => e.StartsWith("completed-probe", StringComparison.Ordinal)));
    }
}
