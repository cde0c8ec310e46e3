using System.Diagnostics;
using AutoLR.Algorithms;
using AutoLR.Experiments.Progress;
using AutoLR.Settings;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.FineTuning;
using AutoLR.Torch.Training;

namespace AutoLR.Experiments.Stages;

/// <summary>One fine-tuning of a job: a network at a pruning depth, a schedule, epochs, training data, a trace file.</summary>
/// <param name="Label">For progress and logs, e.g. "prune depth 1" or "AutoLR".</param>
/// <param name="Depth">Pruning depth p: top blocks removed from the pre-trained backbone.</param>
/// <param name="Schedule">AutoLR or a baseline of <see cref="ScheduleCatalog"/>.</param>
/// <param name="Train">The images it trains on.</param>
/// <param name="Phase">metrics.jsonl's phase: <c>prune</c> for Algorithm 1's fine-tunes, <c>finetune</c> otherwise.</param>
/// <param name="TraceFile">Receives one line per trial (AutoLR) or per epoch (schedules, for Fig. 2 (a)).</param>
/// <param name="Folder">Where the stage's metrics.jsonl and tensorboard/ go (the run directory, or a sweep cell's).</param>
/// <param name="Settings">The settings it trains with (a sweep cell's differ from the run's).</param>
public sealed record StageSpec(
    string Label, string Phase, int Depth, ScheduleChoice Schedule, IImageDataset Train, string TraceFile, string Folder, RunSettings Settings)
{
    public int Epochs => Settings.Get(TrainingSettings.Epochs);

    /// <summary>The schedule's configuration name, as results.json, metrics and logs spell it.</summary>
    public string ScheduleName => ScheduleCatalog.name(Schedule);
}

/// <summary>
/// What one finished epoch of a stage produced, for metrics.jsonl, TensorBoard and report.md. Trials: the trials (or
/// probes) the controller decided on, 1 for a baseline. EpochsTrained: epochs' worth of batches trained, trials
/// included: Trials for full-epoch trials, less with probes (<see cref="Probe.epochsTrained"/> summed over the epoch's
/// trace lines).
/// </summary>
public sealed record EpochOutcome(int Epoch, double Loss, double[] Lrs, double[] Variations, int Trials, string[] Events, double Seconds,
    double EpochsTrained);

/// <summary>
/// Runs a <see cref="StageSpec"/> epoch by epoch so that the job can checkpoint between epochs: it chooses the
/// engine for the schedule — AutoLR through <see cref="AutoLrFineTuning"/> (trials, rollback), a baseline through
/// <see cref="BaselineFineTuning"/> (one measured, traced epoch) — and reports progress. Built fresh, or from a
/// checkpoint's snapshot and controller state, which makes the next epoch bit-identical to an uninterrupted run on CPU.
/// </summary>
public sealed class FineTuneStage : IDisposable
{
    private readonly StageSpec _spec;
    private readonly EpochTrainer _trainer;
    private readonly TraceWriter _trace;
    private readonly AutoLrFineTuning? _autoLr;
    private readonly BaselineFineTuning? _baseline;

    public FineTuneStage(Experiment experiment, StageSpec spec, StageResume? resume)
    {
        _spec = spec;
        var settings = spec.Settings;
        Network = experiment.NewNetwork(spec.Depth, spec.Train.ClassCount, settings.Get(TrainingSettings.Seed));
        _trainer = JobFailure.Guard(() => new EpochTrainer(Network, spec.Train,
            TrainingSettings.Options(settings.Values),
            experiment.Device));
        _trace = new TraceWriter(spec.TraceFile);
        Controller = JobFailure.Guard(() => ControllerSettings.optionsWith(RuleFileSettings.UserRules(settings.Values), settings.Values))
            .WithClassCount(spec.Train.ClassCount);
        Layers = _trainer.Optimizer.Partition.BlockNames;
        switch (spec.Schedule)
        {
            case ScheduleChoice.Baseline baseline:
                _baseline = new BaselineFineTuning(_trainer, baseline.Item, ScheduleSettings.baselineParameters(settings.Values), settings.Get(LearningRateSettings.baseLr),
                    spec.Epochs, Controller.Normalisation, Controller.Threshold, _trace, resume?.Epoch ?? 0, resume?.Steps);
                break;
            case { IsAutoLr: true }:
                var state = resume?.Controller ?? AutoLrController.init(Controller, _trainer.Optimizer.Partition.BlockNames, settings.Get(LearningRateSettings.baseLr));
                _autoLr = new AutoLrFineTuning(_trainer, Controller, state, _trace);
                break;
            default:
                throw new UnreachableException($"Schedule {spec.ScheduleName} is neither AutoLR nor a baseline; give it an engine here.");
        }
        resume?.Snapshot?.RestoreInto(_trainer);
    }

    public RetrievalNetwork Network { get; }

    public ControllerOptions Controller { get; }

    /// <summary>Names of the tuned blocks, input to output.</summary>
    public string[] Layers { get; }

    /// <summary>Epochs finished so far (a resumed stage counts those before the checkpoint).</summary>
    public int CompletedEpochs => _autoLr is not null ? _autoLr.State.Epoch - 1 : _baseline!.CompletedEpochs;

    public bool Finished => CompletedEpochs >= _spec.Epochs;

    /// <summary>The controller state between epochs (AutoLR only), for the checkpoint.</summary>
    public ControllerState? ControllerState => _autoLr?.State;

    /// <summary>A per-step schedule's statistics between epochs (L-DoG's sums), for the checkpoint; null for the others.</summary>
    public StepStatistics? StepStatistics => _baseline?.Steps;

    /// <summary>The state the next epoch starts from, for the checkpoint; the caller disposes it.</summary>
    public TrainingSnapshot Capture() => TrainingSnapshot.Capture(_trainer);

    /// <summary>
    /// One epoch (AutoLR: as many trials as the controller needs). Cancellation is checked between batches; on
    /// cancellation the interrupted epoch is abandoned and the last checkpoint is where a resume starts.
    /// </summary>
    public EpochOutcome RunEpoch(IProgressSink progress, CancellationToken cancellation)
    {
        var epoch = CompletedEpochs + 1;
        var clock = Stopwatch.StartNew();
        var trial = 0;
        void Report(BatchProgress p)
        {
            if (p.Batch == 1) trial++;
            progress.Report(new ProgressUpdate($"{_spec.Label}, epoch {epoch}/{_spec.Epochs}", p.Batch, p.BatchCount,
                _autoLr is null ? $"loss {p.Loss:F3}" : $"trial {trial}, loss {p.Loss:F3}"));
        }
        return _autoLr is not null ? RunAutoLrEpoch(epoch, clock, Report, cancellation) : RunBaselineEpoch(epoch, clock, Report, cancellation);
    }

    private EpochOutcome RunAutoLrEpoch(int epoch, Stopwatch clock, Action<BatchProgress> report, CancellationToken cancellation)
    {
        var before = _autoLr!.Records.Count;
        var kept = JobFailure.Guard(() => _autoLr.RunEpoch(cancellation, report));
        var lines = _autoLr.Records.Skip(before).ToList();
        return new EpochOutcome(epoch, kept.TrainLoss, kept.Lrs, kept.Variations, lines.Count(r => !Probe.isCompletion(r)),
            lines.SelectMany(r => r.Events).Distinct().ToArray(), clock.Elapsed.TotalSeconds, lines.Sum(Probe.epochsTrained));
    }

    private EpochOutcome RunBaselineEpoch(int epoch, Stopwatch clock, Action<BatchProgress> report, CancellationToken cancellation)
    {
        var record = _baseline!.RunEpoch(cancellation, report);
        // The same rule as AutoLR's trials (NaN/∞, or a loss above 100 × ln C), so an explosion never passes as a result.
        if (AutoLrController.lineDiverged(Controller, record, _baseline.Measurements))
            throw new JobFailure(
                $"{_spec.Label}: {_spec.ScheduleName} fine-tuning diverged in epoch {epoch} (train loss {record.TrainLoss:G4}; a loss that is NaN, " +
                $"infinite or above {DivergencePolicy.explosionFactor} × ln {_spec.Train.ClassCount} classes = {DivergencePolicy.explosionFactor * Controller.ChanceLoss:G4} " +
                "counts as divergence); only AutoLR retries a diverged epoch. Lower --base-lr and start again.");
        return new EpochOutcome(epoch, record.TrainLoss, record.Lrs, record.Variations, 1, [], clock.Elapsed.TotalSeconds, 1);
    }

    public void Dispose()
    {
        _autoLr?.Dispose();
        _baseline?.Dispose();
        _trace.Dispose();
        _trainer.Dispose();
        Network.Dispose();
    }
}
