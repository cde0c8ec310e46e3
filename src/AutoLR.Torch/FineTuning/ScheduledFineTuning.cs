using AutoLR.Algorithms;
using AutoLR.Torch.Training;

namespace AutoLR.Torch.FineTuning;

/// <summary>
/// A baseline on the same engine: every batch's LRs come from a schedule read at (epoch, iteration, layer, K) with the
/// conventions of <see cref="Schedule"/> (epoch and iteration 0-based; layer 0 stem, 1..K blocks, K + 1 head).
/// </summary>
public sealed class ScheduledFineTuning
{
    private readonly EpochTrainer _trainer;
    private readonly Func<int, int, int, int, double> _learningRate;

    /// <param name="trainer">The engine; its network is trained in place.</param>
    /// <param name="learningRate">LR at (epoch, iteration, layer, K).</param>
    public ScheduledFineTuning(EpochTrainer trainer, Func<int, int, int, int, double> learningRate)
    {
        _trainer = trainer;
        _learningRate = learningRate;
    }

    /// <summary>One of the F# core's baselines (<see cref="Schedules.learningRate"/>).</summary>
    public ScheduledFineTuning(EpochTrainer trainer, Schedule schedule)
        : this(trainer, (epoch, iteration, layer, k) => Schedules.learningRate(schedule, epoch, iteration, layer, k)) { }

    /// <summary>The paper's SingleLR with the authors' defaults: stem 0.5 × lr, head 10 × lr (DESIGN.md §2).</summary>
    public static ScheduledFineTuning SingleLearningRate(EpochTrainer trainer, double lr, double stemFactor = 0.5, double headFactor = 10) =>
        new(trainer, (_, _, layer, k) => layer == 0 ? stemFactor * lr : layer > k ? headFactor * lr : lr);

    /// <summary>Epochs finished (1-based count); the next epoch trains with schedule epoch <c>CompletedEpochs</c>.</summary>
    public int CompletedEpochs { get; set; }

    /// <summary>
    /// The LRs of the last epoch's first step, as the step used them (read after its backward pass, so a per-step
    /// schedule's are those its measurement gave); null before the first epoch.
    /// </summary>
    public TrialLearningRates? FirstStepRates { get; private set; }

    /// <summary>Mean train loss of each finished epoch.</summary>
    public List<double> EpochLosses { get; } = [];

    public void Run(int epochs, CancellationToken cancellation = default, Action<BatchProgress>? progress = null)
    {
        while (CompletedEpochs < epochs) RunEpoch(cancellation, progress);
    }

    /// <summary>One epoch; on cancellation the network is mid-epoch (checkpoint at epoch boundaries).</summary>
    public EpochResult RunEpoch(CancellationToken cancellation = default, Action<BatchProgress>? progress = null)
    {
        var k = _trainer.Optimizer.Partition.BlockCount;
        var epoch = CompletedEpochs;
        var result = _trainer.RunEpoch(epoch + 1, iteration => RatesAt(epoch, iteration, k), cancellation, progress);
        CompletedEpochs++;
        EpochLosses.Add(result.TrainLoss);
        return result;
    }

    private TrialLearningRates RatesAt(int epoch, int iteration, int k)
    {
        var rates = new TrialLearningRates(
            _learningRate(epoch, iteration, 0, k),
            Enumerable.Range(1, k).Select(layer => _learningRate(epoch, iteration, layer, k)).ToArray(),
            _learningRate(epoch, iteration, k + 1, k));
        // The engine reads the first batch's rates once before it (to see whether the backbone is frozen) and once
        // for its step; the last read is the step's.
        if (iteration == 0) FirstStepRates = rates;
        return rates;
    }
}
