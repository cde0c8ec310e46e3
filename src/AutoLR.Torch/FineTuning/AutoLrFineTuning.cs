using System.Diagnostics;
using AutoLR.Algorithms;
using AutoLR.Torch.Training;

namespace AutoLR.Torch.FineTuning;

/// <summary>Thrown when the controller stops the run (repeated divergence); the network holds the last good state.</summary>
public sealed class TrainingAbortedException(string reason) : Exception(reason);

/// <summary>
/// Algorithm 2 on the engine: per epoch, snapshot, train a trial, measure v (eq. 1), ask
/// <see cref="AutoLrController.decide"/>, and accept, restore and retry, or restore the kept best trial
/// (<see cref="TrialLoop"/>). The position
/// (<see cref="State"/>: epoch, trials, LRs, targets) is explicit so a host can checkpoint between epochs.
/// Run on one thread. Holds two reusable state copies (epoch start, best trial); dispose it.
/// </summary>
public sealed class AutoLrFineTuning : IDisposable
{
    private readonly EpochTrainer _trainer;
    private readonly TraceWriter? _trace;
    private readonly TrialLoop _loop;
    private TrainingSnapshot? _epochStart;
    private TrainingSnapshot? _best;
    private readonly BlockVariation _variation;

    /// <param name="trainer">The engine; its network is trained in place.</param>
    /// <param name="options">Controller settings (<see cref="AutoLrController.defaults"/>).</param>
    /// <param name="state">Where to start: <see cref="AutoLrController.init"/>, or a state restored from a checkpoint.</param>
    /// <param name="trace">Receives every trial's record; null for none.</param>
    public AutoLrFineTuning(EpochTrainer trainer, ControllerOptions options, ControllerState state, TraceWriter? trace)
    {
        var layers = trainer.Optimizer.Partition.BlockNames;
        if (!layers.SequenceEqual(state.Layers))
            throw new ArgumentException(
                $"The controller state is for layers [{string.Join(", ", state.Layers)}] but the network has [{string.Join(", ", layers)}]; " +
                "a checkpoint must be resumed with the same backbone and pruning depth.", nameof(state));
        _trainer = trainer;
        _variation = new BlockVariation(trainer.Optimizer.Partition);
        Options = options;
        _trace = trace;
        _loop = new TrialLoop(options, state, record => _trace?.Write(record));
    }

    /// <summary>Starts at epoch 1 with every block at <paramref name="baseLr"/>.</summary>
    public static AutoLrFineTuning Start(EpochTrainer trainer, ControllerOptions options, double baseLr, TraceWriter? trace) =>
        new(trainer, options, AutoLrController.init(options, trainer.Optimizer.Partition.BlockNames, baseLr), trace);

    public ControllerOptions Options { get; }

    /// <summary>The controller state between epochs: <c>State.Epoch</c> is the next epoch to train (1-based).</summary>
    public ControllerState State => _loop.State;

    /// <summary>Every trial's record so far, in order.</summary>
    public List<TrialRecord> Records => _loop.Records;

    /// <summary>Trains until <paramref name="epochs"/> epochs are done (counting epochs done before a resume).</summary>
    public void Run(int epochs, CancellationToken cancellation = default, Action<BatchProgress>? progress = null)
    {
        while (State.Epoch <= epochs) RunEpoch(cancellation, progress);
    }

    /// <summary>
    /// One epoch of Algorithm 2 (<see cref="TrialLoop"/>), as many trials as the controller asks for; returns the record
    /// of the trial the run goes on from (the controller's kept trial), or with probes
    /// (<see cref="ControllerOptions.ProbeFraction"/> &lt; 1) the line of the epoch completed from the kept probe. On
    /// cancellation the network, the generators and <see cref="State"/> are restored to the epoch's start, so a
    /// checkpoint taken then resumes exactly.
    /// </summary>
    public TrialRecord RunEpoch(CancellationToken cancellation = default, Action<BatchProgress>? progress = null)
    {
        var startState = State;
        var epochStart = Keep(ref _epochStart);
        _variation.StartAt(epochStart);
        // A trial trains the whole epoch (the paper), or the window of a probe (Probe.window).
        var window = Probe.window(Options, _trainer.BatchesPerEpoch)?.Value;
        var trialBatches = window?.Count ?? _trainer.BatchesPerEpoch;
        var steps = new TrialSteps(
            Train: (epoch, rates) =>
            {
                var result = _trainer.RunBatches(epoch, 0, trialBatches, _ => rates, cancellation, progress);
                return (_variation.Measure(), result.TrainLoss);
            },
            // The restore that follows overwrites the trainer at once, so the best trial's state is taken over
            // rather than copied.
            KeepAsBest: () =>
            {
                if (_best is null) _best = TrainingSnapshot.Capture(_trainer);
                else _best.ExchangeWith(_trainer);
            },
            RestoreStart: () => epochStart.RestoreInto(_trainer),
            RestoreBest: () => (_best ?? throw new InvalidOperationException("No trial was kept as the epoch's best.")).RestoreInto(_trainer));
        var kept = _loop.RunEpoch(steps, window);
        try
        {
            return Complete(kept, cancellation, progress);
        }
        catch (OperationCanceledException)
        {
            _loop.Rewind(steps, startState);
            throw;
        }
    }

    /// <summary>
    /// The kept trial's record when it trained the whole epoch; for a kept probe (whose end state the trainer holds),
    /// the epoch's remaining batches with its LRs, measured from the epoch's start (<see cref="Probe.completedEpoch"/>).
    /// </summary>
    private TrialRecord Complete(TrialRecord kept, CancellationToken cancellation, Action<BatchProgress>? progress)
    {
        if (kept.Window is null) return kept;
        var probe = kept.Window.Value;
        var clock = Stopwatch.StartNew();
        var rates = new TrialLearningRates(kept.StemLr, kept.Lrs, kept.HeadLr);
        var rest = _trainer.RunBatches(kept.Epoch, probe.Count, probe.EpochBatches - probe.Count, _ => rates, cancellation, progress);
        var variations = WeightVariation.variations(Options.Normalisation, _variation.Measure());
        // The whole epoch's mean loss: the probe's batches and the rest's, each mean weighted by its batch count.
        var loss = (kept.TrainLoss * probe.Count + rest.TrainLoss * rest.Batches) / probe.EpochBatches;
        var line = Probe.completedEpoch(kept, variations, loss, clock.Elapsed.TotalSeconds);
        _loop.Write(line);
        return line;
    }

    /// <summary>Captures the trainer's state into <paramref name="slot"/>, reusing its buffers when it exists.</summary>
    private TrainingSnapshot Keep(ref TrainingSnapshot? slot)
    {
        if (slot is null) slot = TrainingSnapshot.Capture(_trainer);
        else slot.Overwrite(_trainer);
        return slot;
    }

    public void Dispose()
    {
        _epochStart?.Dispose();
        _best?.Dispose();
        _variation.Dispose();
    }
}
