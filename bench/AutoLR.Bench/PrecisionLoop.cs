using System.Diagnostics;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoLR.Bench;

/// <summary>
/// A numeric format of the training step: NCHW or channels-last strides, float32 or bfloat16 compute.
/// <paramref name="DropoutSeed"/> ≠ 0 changes only the dropout masks: float32 with another seed is the yardstick for
/// drift (how far two equally valid float32 runs part) and, doing float32's exact work, for timing noise.
/// </summary>
internal sealed record Precision(string Name, bool ChannelsLast, bool BFloat16, int DropoutSeed = 0)
{
    public static readonly Precision Float32 = new("float32", false, false);

    public static IReadOnlyList<Precision> All { get; } =
    [
        Float32,
        new("float32, other dropout", false, false, 1),
        new("channels-last", true, false),
        new("bf16", false, true),
        new("bf16+channels-last", true, true),
    ];

    /// <summary>
    /// The same [N, C, H, W] values with NHWC strides. TorchSharp 0.107 has no <c>memory_format</c> argument, but
    /// libtorch picks its channels-last kernels from the strides alone, so a permuted contiguous copy is that format.
    /// </summary>
    public static Tensor ToChannelsLast(Tensor t) => t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    public static bool IsChannelsLast(Tensor t) =>
        t.dim() == 4 && t.stride(1) == 1 && t.stride(3) == t.shape[1] && t.stride(0) == t.shape[1] * t.shape[2] * t.shape[3];
}

/// <summary>
/// The engine's training step (<see cref="EpochTrainer"/>: same order, flips, cross-entropy, Nesterov SGD) in one
/// <see cref="Precision"/>. TorchSharp 0.107 has no autocast, so bfloat16 is done by hand the way autocast's
/// recipe does it: float32 master weights and optimiser, a bfloat16 copy of the network for forward and backward,
/// its gradients cast back to float32 for the step. Dropout is reseeded per step, so a format's masks do not depend
/// on how the runs are interleaved.
/// </summary>
internal sealed class PrecisionLoop : IDisposable
{
    private readonly Precision _precision;
    private readonly IImageDataset _data;
    private readonly TrainingOptions _options;
    private readonly RetrievalNetwork _master;
    private readonly RetrievalNetwork? _compute;
    private readonly Parameter[] _masterParameters;
    private readonly Parameter[] _computeParameters;
    private readonly SGD _sgd;
    private readonly long[] _labels;
    private readonly TrainingRandom _random;
    private long _step;

    public PrecisionLoop(Precision precision, IImageDataset data, TrainingOptions options, Func<RetrievalNetwork> create)
    {
        _precision = precision;
        _data = data;
        _options = options;
        _master = create();
        _masterParameters = _master.parameters().ToArray();
        if (precision.BFloat16)
        {
            _compute = create();
            _compute.to(ScalarType.BFloat16);
            _computeParameters = _compute.parameters().ToArray();
        }
        else _computeParameters = _masterParameters;
        if (precision.ChannelsLast) ConvertToChannelsLast(_compute ?? _master);
        _sgd = optim.SGD(_masterParameters, 0.01, options.Momentum, 0, options.WeightDecay, options.Nesterov);
        _labels = data.Labels.Select(l => (long)l).ToArray();
        _random = new TrainingRandom(options.Seed);
    }

    public Precision Precision => _precision;

    /// <summary>Float32 weights after the steps run so far (the master copy under bfloat16).</summary>
    public IReadOnlyList<Tensor> Weights => _masterParameters;

    /// <summary>Loss of every step run so far, in order.</summary>
    public List<double> Losses { get; } = [];

    /// <summary>Whether a convolution of this loop's input and weights comes out channels-last (checks the format really holds).</summary>
    public bool ConvOutputIsChannelsLast()
    {
        using var scope = NewDisposeScope();
        var weight = _computeParameters.First(p => p.dim() == 4);
        var input = Input(zeros(2, weight.shape[1], 8, 8));
        return Precision.IsChannelsLast(nn.functional.conv2d(input, weight));
    }

    /// <summary>Float32 weights after the first step (the first update's error, before any chaos has set in).</summary>
    public IReadOnlyList<Tensor> AfterFirstStep { get; private set; } = [];

    /// <summary>Batch <paramref name="batch"/> of epoch <paramref name="epoch"/>'s order; returns its seconds.</summary>
    public double Step(int epoch, int batch)
    {
        var clock = Stopwatch.StartNew();
        var network = _compute ?? _master;
        network.train();
        var order = TrainingRandom.EpochOrder(_options.Seed, epoch, _data.Count);
        Losses.Add(TrainStep(network, order.AsSpan(batch * _options.BatchSize, _options.BatchSize)));
        var seconds = clock.Elapsed.TotalSeconds;
        if (Losses.Count == 1) AfterFirstStep = _masterParameters.Select(p => p.detach().clone()).ToArray();
        return seconds;
    }

    private double TrainStep(RetrievalNetwork network, ReadOnlySpan<long> indices)
    {
        using var scope = NewDisposeScope();
        var images = _data.GetBatch(indices);
        var flips = new bool[indices.Length];
        for (var i = 0; i < flips.Length; i++) flips[i] = _random.NextDouble() < _options.FlipProbability;
        var input = Input(where(tensor(flips).view(-1, 1, 1, 1), images.flip(3), images));
        var target = tensor(indices.ToArray().Select(i => _labels[i]).ToArray());

        if (_compute is not null) CopyMasterToCompute();
        _sgd.zero_grad();
        random.manual_seed(_options.Seed + 1_000_000L * _precision.DropoutSeed + ++_step);
        var loss = nn.functional.cross_entropy(network.forward(input).to(ScalarType.Float32), target);
        loss.backward();
        if (_compute is not null) CopyGradientsToMaster();
        _sgd.step();
        return loss.item<float>();
    }

    private Tensor Input(Tensor images)
    {
        var typed = _precision.BFloat16 ? images.to(ScalarType.BFloat16) : images;
        return _precision.ChannelsLast ? Precision.ToChannelsLast(typed) : typed;
    }

    private void CopyMasterToCompute()
    {
        using var _ = no_grad();
        for (var i = 0; i < _masterParameters.Length; i++) _computeParameters[i].copy_(_masterParameters[i]);
    }

    private void CopyGradientsToMaster()
    {
        using var _ = no_grad();
        for (var i = 0; i < _masterParameters.Length; i++)
        {
            var gradient = _computeParameters[i].grad;
            if (gradient is null) continue;
            var master = _masterParameters[i];
            if (master.grad is null) master.grad = gradient.to(ScalarType.Float32).detach().MoveToOuterDisposeScope();
            else master.grad.copy_(gradient);
            gradient.zero_();
        }
    }

    private static void ConvertToChannelsLast(RetrievalNetwork network)
    {
        using var _ = no_grad();
        foreach (var p in network.parameters().Where(p => p.dim() == 4)) p.set_(Precision.ToChannelsLast(p));
    }

    public void Dispose()
    {
        foreach (var w in AfterFirstStep) w.Dispose();
        _sgd.Dispose();
        _compute?.Dispose();
        _master.Dispose();
    }
}
