using System.Diagnostics;
using AutoLR.Algorithms;
using AutoLR.Host.Configuration;
using AutoLR.Host.Progress;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.FineTuning;
using AutoLR.Torch.Training;
using Microsoft.FSharp.Core;

namespace AutoLR.Host.Experiments;

/// <summary>One fine-tuning of a job: a network at a pruning depth, a schedule, epochs, training data, a trace file.</summary>
/// <param name="Label">For progress and logs, e.g. "prune depth 1" or "AutoLR".</param>
/// <param name="Depth">Pruning depth p: top blocks removed from the pre-trained backbone.</param>
/// <param name="Schedule">autolr or a baseline (<see cref="BaselineSchedules"/>).</param>
/// <param name="Train">The images it trains on.</param>
/// <param name="Phase">metrics.jsonl's phase: <c>prune</c> for Algorithm 1's fine-tunes, <c>finetune</c> otherwise.</param>
/// <param name="TraceFile">Receives one line per trial (AutoLR) or per epoch (schedules, for Fig. 2 (a)).</param>
/// <param name="Folder">Where the stage's metrics.jsonl and tensorboard/ go (the run directory, or a sweep cell's).</param>
/// <param name="Settings">The settings it trains with (a sweep cell's differ from the run's).</param>
public sealed record StageSpec(
    string Label, string Phase, int Depth, string Schedule, IImageDataset Train, string TraceFile, string Folder, RunSettings Settings)
{
    public int Epochs => Settings.Training.Epochs;
}

/// <summary>What one finished epoch of a stage produced, for metrics.jsonl, TensorBoard and report.md.</summary>
public sealed record EpochOutcome(int Epoch, double Loss, double[] Lrs, double[] Variations, int Trials, string[] Events, double Seconds);

/// <summary>
/// Runs a <see cref="StageSpec"/> epoch by epoch so that the job can checkpoint between epochs: AutoLR through
/// <see cref="AutoLrFineTuning"/> (trials, rollback), the baselines through <see cref="ScheduledFineTuning"/> with
/// the block variations measured anyway, because Fig. 2 (a) draws them. Built fresh, or from a checkpoint's
/// snapshot and controller state, which makes the next epoch bit-identical to an uninterrupted run on CPU.
/// </summary>
public sealed class FineTuneStage : IDisposable
{
    private readonly StageSpec _spec;
    private readonly EpochTrainer _trainer;
    private readonly TraceWriter _trace;
    private readonly AutoLrFineTuning? _autoLr;
    private readonly ScheduledFineTuning? _scheduled;
    private readonly Func<int, int, int, int, double>? _learningRate;
    private TrainingSnapshot? _epochStart;

    public FineTuneStage(Experiment experiment, StageSpec spec, StageResume? resume)
    {
        _spec = spec;
        var settings = spec.Settings;
        Network = experiment.NewNetwork(spec.Depth, spec.Train.ClassCount, settings.Training.Seed);
        _trainer = JobFailure.Guard(() => new EpochTrainer(Network, spec.Train,
            new TrainingOptions { BatchSize = settings.Training.BatchSize, Seed = settings.Training.Seed }, experiment.Device));
        _trace = new TraceWriter(spec.TraceFile);
        Controller = ControllerOptionsFactory.From(settings);
        Layers = _trainer.Optimizer.Partition.BlockNames;
        if (spec.Schedule == "autolr")
        {
            var state = resume?.Controller ?? AutoLrController.init(Controller, _trainer.Optimizer.Partition.BlockNames, settings.Training.BaseLr);
            _autoLr = new AutoLrFineTuning(_trainer, Controller, state, _trace);
        }
        else
        {
            _learningRate = BaselineSchedules.For(spec.Schedule, settings.Training.BaseLr, spec.Epochs, _trainer.BatchesPerEpoch);
            _scheduled = new ScheduledFineTuning(_trainer, _learningRate) { CompletedEpochs = resume?.Epoch ?? 0 };
        }
        resume?.Snapshot?.RestoreInto(_trainer);
    }

    public RetrievalNetwork Network { get; }

    public ControllerOptions Controller { get; }

    /// <summary>Names of the tuned blocks, input to output.</summary>
    public string[] Layers { get; }

    /// <summary>Epochs finished so far (a resumed stage counts those before the checkpoint).</summary>
    public int CompletedEpochs => _autoLr is not null ? _autoLr.State.Epoch - 1 : _scheduled!.CompletedEpochs;

    public bool Finished => CompletedEpochs >= _spec.Epochs;

    /// <summary>The controller state between epochs (AutoLR only), for the checkpoint.</summary>
    public ControllerState? ControllerState => _autoLr?.State;

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
        return _autoLr is not null ? RunAutoLrEpoch(epoch, clock, Report, cancellation) : RunScheduledEpoch(epoch, clock, Report, cancellation);
    }

    private EpochOutcome RunAutoLrEpoch(int epoch, Stopwatch clock, Action<BatchProgress> report, CancellationToken cancellation)
    {
        var before = _autoLr!.Records.Count;
        var kept = JobFailure.Guard(() => _autoLr.RunEpoch(cancellation, report));
        var trials = _autoLr.Records.Skip(before).ToList();
        return new EpochOutcome(epoch, kept.TrainLoss, kept.Lrs, kept.Variations, trials.Count,
            trials.SelectMany(r => r.Events).Distinct().ToArray(), clock.Elapsed.TotalSeconds);
    }

    private EpochOutcome RunScheduledEpoch(int epoch, Stopwatch clock, Action<BatchProgress> report, CancellationToken cancellation)
    {
        if (_epochStart is null) _epochStart = TrainingSnapshot.Capture(_trainer);
        else _epochStart.Overwrite(_trainer);
        var result = _scheduled!.RunEpoch(cancellation, report);

        var partition = _trainer.Optimizer.Partition;
        var variations = BlockVariation.Variations(BlockVariation.Changes(partition, _epochStart), Controller.Normalisation);
        var k = partition.BlockCount;
        // The LRs at the epoch's first batch: constant within an epoch except for the cyclic and SGDR schedules.
        var lrs = Enumerable.Range(1, k).Select(layer => _learningRate!(epoch - 1, 0, layer, k)).ToArray();
        var record = new TrialRecord(epoch, 1, partition.BlockNames, lrs, _learningRate!(epoch - 1, 0, 0, k), _learningRate(epoch - 1, 0, k + 1, k),
            variations, SortingQuality.sortingQuality(variations), ThresholdScheduleModule.threshold(Controller.Threshold, epoch), true,
            FSharpOption<double[]>.None, FSharpOption<double[]>.None, [], result.TrainLoss, clock.Elapsed.TotalSeconds);
        _trace.Write(record);
        if (!double.IsFinite(result.TrainLoss))
            throw new JobFailure(
                $"{_spec.Label}: {_spec.Schedule} fine-tuning diverged in epoch {epoch} (train loss {result.TrainLoss}); only AutoLR " +
                "retries a diverged epoch. Lower --base-lr and start again.");
        return new EpochOutcome(epoch, result.TrainLoss, lrs, variations, 1, [], clock.Elapsed.TotalSeconds);
    }

    public void Dispose()
    {
        _autoLr?.Dispose();
        _epochStart?.Dispose();
        _trace.Dispose();
        _trainer.Dispose();
        Network.Dispose();
    }
}
