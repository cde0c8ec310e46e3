namespace AutoLR.RunFormat.Json;

/// <summary>A file of a run directory cannot be read; the message names the file, the line (for JSON Lines) and the field.</summary>
public sealed class RunFormatException(string message) : Exception(message);
