namespace AutoLR.Experiments.Comparison;

/// <summary>A comparison's run directory cannot be used as asked; the message names it and the fix.</summary>
public sealed class ComparisonFolderException(string message) : Exception(message);
