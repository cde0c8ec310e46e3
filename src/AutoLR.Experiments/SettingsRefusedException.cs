namespace AutoLR.Experiments;

/// <summary>
/// A setting that does not fit the data, found when the data set opened and before any training: a configuration
/// error (exit code 2) like those found at start-up, so a new run's directory is removed again.
/// </summary>
public sealed class SettingsRefusedException(string message) : Exception(message);
