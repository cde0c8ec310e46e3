namespace AutoLR.Torch.Weights;

/// <summary>
/// A weight file or model could not be read or does not fit the backbone. Thrown (never returned) because a run
/// cannot go on with half-loaded weights; the message names the file, everything that was wrong, and the fix.
/// </summary>
public sealed class WeightImportException(string message, Exception? inner = null) : Exception(message, inner);
