namespace AutoLR.Settings;

/// <summary>Where run directories go.</summary>
public sealed class OutputSettings
{
    /// <summary>Relative paths are taken from the working directory.</summary>
    public string Output { get; set; } = "runs";
}
