namespace AutoLR.Sweeps;

/// <summary>A sweep folder that cannot be used as it is; the message names the file and what to do.</summary>
public sealed class SweepFolderException(string message) : Exception(message);
