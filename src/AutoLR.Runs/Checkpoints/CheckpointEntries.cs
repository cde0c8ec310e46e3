namespace AutoLR.Runs.Checkpoints;

/// <summary>
/// Entry names the engine is expected to use, so that resume code and tools agree. Other names are allowed.
/// </summary>
public static class CheckpointEntries
{
    /// <summary>Model weights (the engine's own serialisation, e.g. TorchSharp's state-dict bytes).</summary>
    public const string Weights = "weights";
    /// <summary>Optimiser state: momentum buffers and per-group learning rates.</summary>
    public const string Optimizer = "optimizer";
    /// <summary>AutoLR controller state as JSON.</summary>
    public const string Controller = "controller.json";
    /// <summary>Where the loop stands, as JSON: see <see cref="LoopPosition"/>.</summary>
    public const string Position = "position.json";
    /// <summary>Random number generator state, so a resumed epoch shuffles as the original would have.</summary>
    public const string RandomState = "rng";
}

/// <summary>Where a job stood when it wrote a checkpoint; a resumed job continues from here.</summary>
/// <param name="Phase">What the job was doing, e.g. <c>prune</c> or <c>finetune</c>.</param>
/// <param name="Epoch">1-based epoch the checkpoint belongs to.</param>
/// <param name="Trial">1-based trial within the epoch (AutoLR), 0 where there are none.</param>
/// <param name="Batch">Batches of that epoch already trained; 0 at an epoch boundary.</param>
/// <param name="Depth">Pruning depth in force.</param>
public sealed record LoopPosition(string Phase, int Epoch, int Trial, int Batch, int Depth = 0);
