using static TorchSharp.torch;

namespace AutoLR.Torch.Training;

/// <summary>
/// Everything one epoch of training mutates (Algorithm 2, line 4): parameters and BatchNorm buffers, SGD momentum
/// buffers (null before the first step), torch's generator state and the engine's flip generator. Restoring it
/// makes a retried trial start bit-identically. Owns cloned tensors; dispose it.
/// </summary>
public sealed class TrainingSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> _network;
    private readonly Tensor?[] _momentum;
    private Tensor _torchGenerator;

    private TrainingSnapshot(Dictionary<string, Tensor> network, Tensor?[] momentum, Tensor torchGenerator, ulong flipGenerator)
    {
        _network = network;
        _momentum = momentum;
        _torchGenerator = torchGenerator;
        FlipGeneratorState = flipGenerator;
    }

    /// <summary>Network state by state_dict name (<c>backbone.layer1.0.conv1.weight</c>).</summary>
    public IReadOnlyDictionary<string, Tensor> Network => _network;

    /// <summary>Momentum buffers in optimiser order (stem, blocks, head; parameters within), null where none yet.</summary>
    public IReadOnlyList<Tensor?> Momentum => _momentum;

    public ulong FlipGeneratorState { get; private set; }

    /// <summary>torch's CPU generator state (drives dropout).</summary>
    public Tensor TorchGeneratorState => _torchGenerator;

    /// <summary>Assembles a snapshot from saved parts (<see cref="SnapshotFile.Load"/>); takes ownership of the tensors.</summary>
    internal static TrainingSnapshot FromParts(Dictionary<string, Tensor> network, Tensor?[] momentum, Tensor torchGenerator, ulong flipGenerator) =>
        new(network, momentum, torchGenerator, flipGenerator);

    public static TrainingSnapshot Capture(EpochTrainer trainer)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var network = trainer.Network.state_dict().ToDictionary(kv => kv.Key, kv => Keep(kv.Value.detach().clone()));
        var momentum = trainer.Optimizer.States.Select(s => s.momentum_buffer is null ? null : Keep(s.momentum_buffer.clone())).ToArray();
        return new TrainingSnapshot(network, momentum, Keep(random.get_rng_state()), trainer.Random.State);
    }

    /// <summary>
    /// Captures the trainer's current state into this snapshot's buffers. Reusing a snapshot across epochs avoids
    /// allocating (and page-faulting) a network-sized copy each time.
    /// </summary>
    public void Overwrite(EpochTrainer trainer)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (name, live) in trainer.Network.state_dict()) Saved(name).copy_(live);
        var states = CheckedStates(trainer);
        for (var i = 0; i < states.Count; i++)
        {
            var live = states[i].momentum_buffer;
            if (live is null)
            {
                _momentum[i]?.Dispose();
                _momentum[i] = null;
            }
            else if (_momentum[i] is { } saved) saved.copy_(live);
            else _momentum[i] = Keep(live.clone());
        }
        _torchGenerator.Dispose();
        _torchGenerator = Keep(random.get_rng_state());
        FlipGeneratorState = trainer.Random.State;
    }

    /// <summary>
    /// Takes the trainer's current state into this snapshot without copying it: each live network tensor and this
    /// snapshot's tensor of the same name exchange their storage (<c>set_</c>), momentum buffers exchange places, and
    /// the generator states are captured. This snapshot then holds what <see cref="Overwrite"/> would have copied, and
    /// the trainer holds this snapshot's former contents — so call it only when a restore follows at once: a retried
    /// trial kept as the epoch's best, before the epoch's start is restored (one network copy instead of two).
    /// </summary>
    public void ExchangeWith(EpochTrainer trainer)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (name, live) in trainer.Network.state_dict())
        {
            var saved = Saved(name);
            var wasLive = Keep(live.detach());
            live.set_(saved);
            saved.Dispose();
            _network[name] = wasLive;
        }
        var states = CheckedStates(trainer);
        for (var i = 0; i < states.Count; i++)
            (states[i].momentum_buffer, _momentum[i]) = (_momentum[i]!, states[i].momentum_buffer);
        _torchGenerator.Dispose();
        _torchGenerator = Keep(random.get_rng_state());
        FlipGeneratorState = trainer.Random.State;
    }

    /// <summary>Puts the captured state back into the trainer's network, optimiser and generators.</summary>
    public void RestoreInto(EpochTrainer trainer)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (name, live) in trainer.Network.state_dict()) live.copy_(Saved(name));
        var states = CheckedStates(trainer);
        for (var i = 0; i < states.Count; i++)
        {
            var saved = _momentum[i];
            var state = states[i];
            if (saved is null)
            {
                state.momentum_buffer?.Dispose();
                state.momentum_buffer = null!;
            }
            else if (state.momentum_buffer is null) state.momentum_buffer = Keep(saved.clone());
            else state.momentum_buffer.copy_(saved);
        }
        random.set_rng_state(_torchGenerator);
        trainer.Random.State = FlipGeneratorState;
    }

    private Tensor Saved(string name) =>
        _network.TryGetValue(name, out var saved)
            ? saved
            : throw new InvalidOperationException($"The snapshot has no '{name}': it was taken from a different network.");

    private IReadOnlyList<TorchSharp.Modules.SGD.State> CheckedStates(EpochTrainer trainer)
    {
        var states = trainer.Optimizer.States;
        if (states.Count != _momentum.Length)
            throw new InvalidOperationException($"The snapshot has {_momentum.Length} optimiser states, the optimiser {states.Count}: it was taken from a different network.");
        return states;
    }

    private static Tensor Keep(Tensor t) => t.DetachFromDisposeScope();

    public void Dispose()
    {
        foreach (var t in _network.Values) t.Dispose();
        foreach (var t in _momentum) t?.Dispose();
        _torchGenerator.Dispose();
    }
}
