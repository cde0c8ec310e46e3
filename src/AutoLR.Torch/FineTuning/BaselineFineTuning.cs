using System.Diagnostics;
using AutoLR.Algorithms;
using AutoLR.Torch.Training;
using Microsoft.FSharp.Core;

namespace AutoLR.Torch.FineTuning;

/// <summary>
/// A baseline schedule of the F# catalogue (<see cref="ScheduleCatalog.baselines"/>) on the engine, each epoch
/// measured as AutoLR measures a trial — block variations (eq. 1) and their sorting quality (eq. 9) — and traced as
/// one accepted trial, because Fig. 2 (a) draws the baselines' variations too. Holds one reusable copy of the epoch's
/// starting state; dispose it.
/// </summary>
public sealed class BaselineFineTuning : IDisposable
{
    private readonly EpochTrainer _trainer;
    private readonly ScheduledFineTuning _scheduled;
    private readonly Func<int, int, int, int, double> _learningRate;
    private readonly int _probeBatches;
    private double[] _relativeGradientNorms = [];
    private readonly StepNormMeasurement? _stepNorms;
    private StepStatistics _steps;
    private readonly Normalisation _normalisation;
    private readonly ThresholdSchedule _threshold;
    private readonly TraceWriter _trace;
    private TrainingSnapshot? _epochStart;
    private readonly BlockVariation _variation;

    /// <param name="trainer">The engine; its network is trained in place.</param>
    /// <param name="baseline">Which baseline.</param>
    /// <param name="parameters">Its hyper-parameters.</param>
    /// <param name="baseLr">The base LR of the run.</param>
    /// <param name="epochs">Epochs of the whole run, which set the step and restart lengths.</param>
    /// <param name="normalisation">Eq. 1's normalisation of the measured variations.</param>
    /// <param name="threshold">τ, recorded in the trace beside the sorting quality for comparison with AutoLR.</param>
    /// <param name="trace">Receives one record per epoch.</param>
    /// <param name="completedEpochs">Epochs finished before (a resumed run's checkpoint epoch).</param>
    /// <param name="steps">A per-step schedule's statistics at that checkpoint (<see cref="Steps"/>); null to start afresh.</param>
    public BaselineFineTuning(EpochTrainer trainer, BaselineSchedule baseline, BaselineParameters parameters, double baseLr, int epochs,
        Normalisation normalisation, ThresholdSchedule threshold, TraceWriter trace, int completedEpochs, StepStatistics? steps = null)
    {
        _trainer = trainer;
        _variation = new BlockVariation(trainer.Optimizer.Partition);
        _steps = steps ?? StepStatisticsModule.empty(trainer.Options.WeightDecay);
        var run = new RunShape(baseLr, epochs, trainer.BatchesPerEpoch, [], _steps);
        _probeBatches = baseline.ProbeBatches.Invoke(parameters);
        if (!baseline.PerStep.IsNotPerStep)
        {
            trainer.Regroup(GroupLayout.For(baseline.PerStep, baseLr));
            _stepNorms = new StepNormMeasurement(trainer.Network.Partition, baseline.PerStep);
            trainer.BeforeStep = () => _steps = StepStatisticsModule.observe(_steps, _stepNorms.Measure());
        }
        _learningRate = (epoch, iteration, layer, k) => BaselineScheduleModule.learningRate(baseline, parameters,
            new RunShape(run.BaseLr, run.Epochs, run.ItersPerEpoch, _relativeGradientNorms, _steps), epoch, iteration, layer, k);
        _scheduled = new ScheduledFineTuning(trainer, _learningRate) { CompletedEpochs = completedEpochs };
        _normalisation = normalisation;
        _threshold = threshold;
        _trace = trace;
    }

    /// <summary>Batches measured before each epoch without training on them (Auto-RGN's probe; 0 for the others): cost.</summary>
    public int ProbeBatchesPerEpoch => Math.Min(_probeBatches, _trainer.BatchesPerEpoch);

    /// <summary>What the last epoch measured of each block (eq. 1's inputs), for the divergence rule.</summary>
    public BlockMeasurement[] Measurements { get; private set; } = [];

    /// <summary>
    /// A per-step schedule's statistics so far (L-DoG's running sums), which a checkpoint keeps so that a resumed run
    /// steps as the uninterrupted one; null for the other schedules. w_0 need not be kept: the measurement copies it
    /// when the fine-tune is built, before a resume restores the checkpoint's weights.
    /// </summary>
    public StepStatistics? Steps => _stepNorms is null ? null : _steps;

    /// <summary>Epochs finished so far (a resumed run counts those before the checkpoint).</summary>
    public int CompletedEpochs => _scheduled.CompletedEpochs;

    /// <summary>
    /// One epoch, traced, after the schedule's probe if it has one (its seconds are counted in the record's). The record's LRs are those of the epoch's first step: constant within an epoch except for
    /// the cyclic and SGDR schedules and the per-step ones (LARS, L-DoG). A diverged epoch (non-finite loss) is traced and returned like any other; only
    /// AutoLR retries one, so the caller decides what it means.
    /// </summary>
    public TrialRecord RunEpoch(CancellationToken cancellation = default, Action<BatchProgress>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        if (_probeBatches > 0)
            _relativeGradientNorms = RelativeGradientProbe.Measure(_trainer, _scheduled.CompletedEpochs + 1, _probeBatches);
        if (_epochStart is null) _epochStart = TrainingSnapshot.Capture(_trainer);
        else _epochStart.Overwrite(_trainer);
        _variation.StartAt(_epochStart);
        var result = _scheduled.RunEpoch(cancellation, progress);

        var partition = _trainer.Optimizer.Partition;
        Measurements = _variation.Measure();
        var variations = WeightVariation.variations(_normalisation, Measurements);
        var k = partition.BlockCount;
        var epoch = _scheduled.CompletedEpochs;
        var first = _scheduled.FirstStepRates!;
        var record = new TrialRecord(epoch, 1, partition.BlockNames, first.Blocks, first.Stem, first.Head,
            variations, SortingQuality.sortingQuality(variations), ThresholdScheduleModule.threshold(_threshold, epoch), true,
            FSharpOption<double[]>.None, FSharpOption<double[]>.None, [], result.TrainLoss, clock.Elapsed.TotalSeconds,
            FSharpOption<BatchWindow>.None);
        _trace.Write(record);
        return record;
    }

    public void Dispose()
    {
        _epochStart?.Dispose();
        _variation.Dispose();
        if (_stepNorms is not null)
        {
            _trainer.BeforeStep = null;
            _stepNorms.Dispose();
        }
    }
}
