namespace AutoLR.Runs;

/// <summary>A run directory given on the command line (<c>--resume</c>, <c>--from</c>) cannot be used.</summary>
public sealed class RunFolderException(string message) : Exception(message);
