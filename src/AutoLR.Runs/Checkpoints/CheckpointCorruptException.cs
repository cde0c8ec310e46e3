namespace AutoLR.Runs.Checkpoints;

/// <summary>A checkpoint file failed its integrity check, or could not be read at all, and was not loaded.</summary>
public sealed class CheckpointCorruptException(string file, string problem)
    : Exception($"Checkpoint {file} is damaged or unreadable and was not loaded: {problem}. " +
                "Delete it to resume from an earlier checkpoint, or start the run again.")
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
