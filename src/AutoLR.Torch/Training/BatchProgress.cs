namespace AutoLR.Torch.Training;

/// <summary>Reported after each training batch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
/// <param name="BatchCount">Batches in the epoch.</param>
/// <param name="Loss">This batch's mean cross-entropy.</param>
public readonly record struct BatchProgress(int Epoch, int Batch, int BatchCount, double Loss);

/// <summary>One pass over the training set.</summary>
/// <param name="TrainLoss">Mean of the batch losses (NaN or ∞ when training diverged).</param>
/// <param name="Seconds">Wall time of the pass.</param>
/// <param name="Batches">Batches trained.</param>
public readonly record struct EpochResult(double TrainLoss, double Seconds, int Batches);
