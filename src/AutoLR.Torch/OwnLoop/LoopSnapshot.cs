using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoLR.Torch.OwnLoop;

/// <summary>
/// Everything a user's epoch mutates that the tuner can reach (Algorithm 2, line 4): the model's state (parameters and
/// buffers such as BatchNorm's running statistics), the optimiser's state through its own serialisation (so any
/// TorchSharp optimiser works, momentum buffers and step counts included), torch's generator (dropout), and whatever
/// the user's own state hook remembers (a data order or augmentation generator). Restoring it makes a retried trial
/// start where the first one did. Model buffers are reused across captures; dispose it.
/// </summary>
internal sealed class LoopSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> _model = [];
    private readonly MemoryStream _optimizer = new();
    private Tensor? _generator;
    private Action? _restoreOwn;

    /// <summary>The model's state by state_dict name, as captured.</summary>
    public IReadOnlyDictionary<string, Tensor> Model => _model;

    /// <summary>Captures the current state into this snapshot, reusing its tensors.</summary>
    public void Capture(nn.Module model, OptimizerHelper optimizer, Func<Action>? ownState)
    {
        using (no_grad())
        using (NewDisposeScope())
        {
            foreach (var (name, live) in model.state_dict())
            {
                if (_model.TryGetValue(name, out var saved)) saved.copy_(live);
                else _model[name] = live.detach().clone().DetachFromDisposeScope();
            }
            _generator?.Dispose();
            _generator = random.get_rng_state().DetachFromDisposeScope();
        }
        _optimizer.SetLength(0);
        using (var writer = new BinaryWriter(_optimizer, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
        _restoreOwn = ownState?.Invoke();
    }

    /// <summary>Puts the captured state back into the model, the optimiser, torch's generator and the user's state.</summary>
    public void RestoreInto(nn.Module model, OptimizerHelper optimizer)
    {
        using (no_grad())
        using (NewDisposeScope())
        {
            foreach (var (name, live) in model.state_dict())
                live.copy_(_model.TryGetValue(name, out var saved)
                    ? saved
                    : throw new InvalidOperationException($"The snapshot has no '{name}': it was taken from a different model."));
            random.set_rng_state(_generator ?? throw new InvalidOperationException("Nothing captured yet."));
        }
        _optimizer.Position = 0;
        using (var reader = new BinaryReader(_optimizer, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.load_state_dict(reader);
        _restoreOwn?.Invoke();
    }

    public void Dispose()
    {
        foreach (var t in _model.Values) t.Dispose();
        _generator?.Dispose();
        _optimizer.Dispose();
    }
}
