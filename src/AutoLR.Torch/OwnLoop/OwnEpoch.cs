using TorchSharp.Modules;

namespace AutoLR.Torch.OwnLoop;

/// <summary>
/// The user's training of one epoch: step <paramref name="optimizer"/> (whose groups hold this trial's LRs) over the
/// epoch's batches and return the mean training loss. <see cref="AutoLrTuner"/> may call it several times for the same
/// epoch (Algorithm 2's retries, from the same restored state), so whatever randomness it draws beyond torch's generator
/// must follow from <paramref name="epoch"/> or be remembered by the tuner's own-state hook.
/// </summary>
/// <param name="epoch">1-based.</param>
/// <param name="optimizer">The optimiser given to the tuner, its LRs set for this trial.</param>
/// <returns>The epoch's mean training loss (for the trace and the divergence check).</returns>
public delegate double OwnEpoch(int epoch, OptimizerHelper optimizer);
