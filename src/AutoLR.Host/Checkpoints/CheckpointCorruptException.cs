namespace AutoLR.Host.Checkpoints;

/// <summary>A checkpoint file failed its integrity check and was not loaded.</summary>
public sealed class CheckpointCorruptException(string file, string problem)
    : Exception($"Checkpoint {file} is damaged and was not loaded: {problem}. " +
                "Delete it to resume from an earlier checkpoint, or start the run again.")
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
