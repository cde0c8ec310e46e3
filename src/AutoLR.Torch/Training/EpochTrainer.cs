using System.Diagnostics;
using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using static TorchSharp.torch;

namespace AutoLR.Torch.Training;

/// <summary>
/// Trains a <see cref="RetrievalNetwork"/> one epoch at a time: cross-entropy on the head, horizontal flips, SGD with
/// per-layer-group LRs. Call it from one thread only: dispose scopes and no_grad are per thread (DESIGN.md §5).
/// Deterministic on CPU for a seed: the order is a function of (seed, epoch); flips come from <see cref="Random"/>;
/// dropout from torch's generator, which is seeded here and captured by <see cref="TrainingSnapshot"/>.
/// </summary>
public sealed class EpochTrainer : IDisposable
{
    private readonly IImageDataset _dataset;
    private readonly long[] _labels;

    /// <param name="network">The network to train; the trainer does not own it.</param>
    /// <param name="dataset">Training images in the backbone's input convention.</param>
    /// <param name="options">Optimiser, batch and augmentation settings.</param>
    /// <param name="device">From configuration (<see cref="Devices.DeviceSetting"/>); the network must already be there.</param>
    public EpochTrainer(RetrievalNetwork network, IImageDataset dataset, TrainingOptions options, Device device)
    {
        options.Validate();
        if (dataset.Count < options.BatchSize)
            throw new ArgumentException($"The training set has {dataset.Count} images, fewer than one batch of {options.BatchSize}; lower BatchSize.", nameof(dataset));
        if (dataset.ClassCount > network.ClassCount)
            throw new ArgumentException($"The data set has {dataset.ClassCount} classes but the head has {network.ClassCount}.", nameof(dataset));
        Network = network;
        _dataset = dataset;
        Options = options;
        Device = device;
        _labels = dataset.Labels.Select(l => (long)l).ToArray();
        Random = new TrainingRandom(options.Seed);
        Optimizer = new LayerwiseOptimizer(network.Partition, options);
        random.manual_seed(options.Seed);
    }

    public RetrievalNetwork Network { get; }
    public TrainingOptions Options { get; }
    public Device Device { get; }
    public LayerwiseOptimizer Optimizer { get; private set; }

    /// <summary>
    /// Called after each training batch's backward pass and before its LRs are read and the optimizer steps: where a
    /// per-step schedule measures the step's weights and gradients (<see cref="StepNormMeasurement"/>). Null for none.
    /// </summary>
    public Action? BeforeStep { get; set; }

    /// <summary>
    /// Replaces the optimizer by one with <paramref name="layout"/>'s groups, before the first step (there is no
    /// momentum to carry over yet).
    /// </summary>
    public void Regroup(GroupLayout layout)
    {
        if (Optimizer.States.Any(s => s.momentum_buffer is not null))
            throw new InvalidOperationException("The optimizer has stepped already; regroup it before the first step.");
        Optimizer.Dispose();
        Optimizer = new LayerwiseOptimizer(Network.Partition, Options, layout);
    }

    /// <summary>Draws the flips; part of every snapshot.</summary>
    public TrainingRandom Random { get; }

    /// <summary>Full batches per epoch; an incomplete last batch is dropped (BatchNorm and a fixed step count).</summary>
    public int BatchesPerEpoch => _dataset.Count / Options.BatchSize;

    /// <summary>
    /// One epoch. <paramref name="learningRatesAt"/> gives the LRs for each 0-based batch of the epoch (constant for
    /// AutoLR trials, a schedule for the baselines). Cancellation is checked between batches.
    /// </summary>
    public EpochResult RunEpoch(int epoch, Func<int, TrialLearningRates> learningRatesAt, CancellationToken cancellation = default,
        Action<BatchProgress>? progress = null) =>
        RunBatches(epoch, 0, BatchesPerEpoch, learningRatesAt, cancellation, progress);

    /// <summary>
    /// Batches <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> − 1 (0-based) of epoch
    /// <paramref name="epoch"/>'s order: what an AutoLR probe trains, and the rest of the epoch after it. Training the
    /// batches 0..w−1 and then w..B−1 of an epoch is the same computation as <see cref="RunEpoch"/> (the flips follow
    /// <see cref="Random"/>'s state, the order is a function of (seed, epoch)). The result's loss is the mean over these
    /// batches.
    /// </summary>
    public EpochResult RunBatches(int epoch, int first, int count, Func<int, TrialLearningRates> learningRatesAt,
        CancellationToken cancellation = default, Action<BatchProgress>? progress = null)
    {
        var batches = BatchesPerEpoch;
        if (first < 0 || count < 1 || first + count > batches)
            throw new ArgumentOutOfRangeException(nameof(count), $"Batches {first}..{first + count - 1} are not within the epoch's {batches} batches (0-based).");
        var clock = Stopwatch.StartNew();
        var order = TrainingRandom.EpochOrder(Options.Seed, epoch, _dataset.Count);
        var lossSum = 0.0;
        Network.train();
        if (BackboneFrozen(learningRatesAt(first))) Network.Backbone.eval();
        for (var b = first; b < first + count; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            var loss = TrainBatch(order.AsSpan(b * Options.BatchSize, Options.BatchSize), () => learningRatesAt(b));
            lossSum += loss;
            progress?.Invoke(new BatchProgress(epoch, b + 1, batches, loss));
        }
        return new EpochResult(lossSum / count, clock.Elapsed.TotalSeconds, count);
    }

    /// <summary>
    /// Cross-entropy of batch <paramref name="batch"/> of epoch <paramref name="epoch"/>'s order (as
    /// <see cref="RunEpoch"/> numbers epochs), without augmentation and without a step: what a probe differentiates.
    /// </summary>
    internal Tensor BatchLoss(int epoch, int batch)
    {
        var order = TrainingRandom.EpochOrder(Options.Seed, epoch, _dataset.Count);
        var indices = order.AsSpan(batch * Options.BatchSize, Options.BatchSize);
        var input = _dataset.GetBatch(indices).to(Device);
        var target = tensor(indices.ToArray().Select(i => _labels[i]).ToArray()).to(Device);
        return nn.functional.cross_entropy(Network.forward(input), target);
    }

    /// <summary>
    /// Whether every backbone LR is 0 (LP-FT's linear probe, Kumar et al. 2022): the backbone then runs in eval mode,
    /// so its BatchNorm running statistics stay as they are and the head is trained on the pre-trained features,
    /// which stay bit for bit unchanged.
    /// </summary>
    private static bool BackboneFrozen(TrialLearningRates rates) => rates.Stem == 0 && rates.Blocks.All(lr => lr == 0);

    /// <summary>
    /// One step on the batch <paramref name="indices"/>. The LRs are read after the backward pass (<see cref="BeforeStep"/>
    /// may have measured it): no LR enters the forward or backward pass, so for a schedule known in advance it is the
    /// same step as reading them first.
    /// </summary>
    private double TrainBatch(ReadOnlySpan<long> indices, Func<TrialLearningRates> learningRates)
    {
        using var scope = NewDisposeScope();
        var images = _dataset.GetBatch(indices);
        var flips = new bool[indices.Length];
        for (var i = 0; i < flips.Length; i++) flips[i] = Random.NextDouble() < Options.FlipProbability;
        var mirror = tensor(flips).view(-1, 1, 1, 1);
        var input = where(mirror, images.flip(3), images).to(Device);
        var target = tensor(indices.ToArray().Select(i => _labels[i]).ToArray()).to(Device);

        Optimizer.Sgd.zero_grad();
        var loss = nn.functional.cross_entropy(Network.forward(input), target);
        loss.backward();
        BeforeStep?.Invoke();
        Optimizer.SetLearningRates(learningRates());
        Optimizer.Sgd.step();
        return loss.item<float>();
    }

    public void Dispose() => Optimizer.Dispose();
}
