using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.FineTuning;
using AutoLR.Torch.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoLR.Torch.OwnLoop;

/// <summary>
/// Algorithm 2 around the user's own epoch function: per epoch, snapshot (<see cref="LoopSnapshot"/>), run the user's
/// epoch with the controller's LRs, measure each layer's change (eq. 1, <see cref="BlockVariation"/>), ask
/// <see cref="AutoLrController.decide"/>, and accept, restore and retry, or restore the kept best trial — the trial loop,
/// controller, measurement and trace line <c>autolr finetune --schedule autolr</c> uses (<see cref="TrialLoop"/>). Probes (<see cref="ControllerOptions.ProbeFraction"/>
/// below 1) need the engine to train part of an epoch, which an epoch function cannot, so they are refused.
/// Run on one thread (dispose scopes and no_grad are per thread). Holds two model-sized copies; dispose it.
/// </summary>
public sealed class AutoLrTuner : IDisposable
{
    private readonly nn.Module _model;
    private readonly OptimizerHelper _optimizer;
    private readonly optim.ILearningRateController[] _groups;
    private readonly Func<Action>? _ownState;
    private readonly TrialLoop _loop;
    private readonly BlockVariation _variation;
    private readonly LoopSnapshot _epochStart = new();
    private LoopSnapshot? _best;

    /// <param name="model">The model the epoch function trains, in place.</param>
    /// <param name="layers">Its layer groups (<see cref="TunedLayers"/>).</param>
    /// <param name="optimizer">Any TorchSharp optimiser with one parameter group per layer group, in the partition's
    /// order (<see cref="TunedLayers.ParamGroups{TGroup}"/>); the tuner sets the groups' LRs before every trial.</param>
    /// <param name="options">Controller settings, e.g. <see cref="AutoLrController.defaults"/> of the base LR (every
    /// layer's LR in epoch 1's first trial).</param>
    /// <param name="ownState">Optional: remembers the user's own training state (a generator, a data order) at each
    /// snapshot and returns the action that puts it back; null when the epoch function draws nothing beyond torch's
    /// generator and its epoch number.</param>
    /// <param name="trace">Receives every trial's line (the command line's <c>trace.jsonl</c> format); null for none.</param>
    public AutoLrTuner(nn.Module model, LayerPartition layers, OptimizerHelper optimizer, ControllerOptions options,
        Func<Action>? ownState = null, TraceWriter? trace = null)
    {
        if (options.ProbeFraction < 1)
            throw new ArgumentException($"Probes (ProbeFraction {options.ProbeFraction}) train part of an epoch, which an epoch function cannot; use ProbeFraction = 1.", nameof(options));
        _groups = optimizer.ParamGroups.ToArray();
        if (_groups.Length != layers.BlockCount + 2)
            throw new ArgumentException($"The optimiser has {_groups.Length} parameter groups but the layers need {layers.BlockCount + 2} (stem, {layers.BlockCount} layers, head); build its groups with TunedLayers.ParamGroups.", nameof(optimizer));
        _model = model;
        _optimizer = optimizer;
        _ownState = ownState;
        _variation = new BlockVariation(layers);
        Layers = layers;
        Options = options;
        _loop = new TrialLoop(options, AutoLrController.init(options, layers.BlockNames, options.BaseLr), record => trace?.Write(record));
    }

    public LayerPartition Layers { get; }

    public ControllerOptions Options { get; }

    /// <summary>The controller state between epochs: <c>State.Epoch</c> is the next epoch to train (1-based), and
    /// <c>State.BlockLrs</c> the LRs it starts from.</summary>
    public ControllerState State => _loop.State;

    /// <summary>Every trial's trace line so far, in order.</summary>
    public List<TrialRecord> Records => _loop.Records;

    /// <summary>
    /// One epoch of Algorithm 2 (the command line's <see cref="TrialLoop"/>): as many runs of
    /// <paramref name="trainEpoch"/> as the controller asks for. Returns the trace line of the trial the run goes on
    /// from (its <c>Lrs</c> are the accepted LRs); the model and optimiser then hold that trial's end state. If the
    /// epoch function is cancelled (throws <see cref="OperationCanceledException"/>), the epoch's start and
    /// <see cref="State"/> are put back and the exception passes on.
    /// </summary>
    /// <exception cref="TrainingAbortedException">The loss or a variation diverged too often; the epoch's start is restored.</exception>
    public TrialRecord RunEpoch(OwnEpoch trainEpoch)
    {
        _epochStart.Capture(_model, _optimizer, _ownState);
        _variation.StartAt(_epochStart.Model);
        return _loop.RunEpoch(new TrialSteps(
            Train: (epoch, rates) =>
            {
                SetLearningRates(rates);
                var loss = trainEpoch(epoch, _optimizer);
                return (_variation.Measure(), loss);
            },
            KeepAsBest: () =>
            {
                _best ??= new LoopSnapshot();
                _best.Capture(_model, _optimizer, _ownState);
            },
            RestoreStart: () => _epochStart.RestoreInto(_model, _optimizer),
            RestoreBest: () => (_best ?? throw new InvalidOperationException("No trial was kept as the epoch's best.")).RestoreInto(_model, _optimizer)),
            window: null);
    }

    /// <summary>Stem, layers 1..K, head: the partition's order, the optimiser's groups' order.</summary>
    private void SetLearningRates(TrialLearningRates rates)
    {
        _groups[0].LearningRate = rates.Stem;
        for (var k = 0; k < rates.Blocks.Length; k++) _groups[k + 1].LearningRate = rates.Blocks[k];
        _groups[^1].LearningRate = rates.Head;
    }

    public void Dispose()
    {
        _epochStart.Dispose();
        _best?.Dispose();
        _variation.Dispose();
    }
}
