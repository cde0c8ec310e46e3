using AutoLR.Settings;

namespace AutoLR.Commands;

/// <summary>How a stored run's directory is used by a command.</summary>
public enum StoredRunUse
{
    /// <summary>The command starts from the settings; it may be resumed with <c>--resume RUN_DIR</c>.</summary>
    Resumable,
    /// <summary>The command reads a finished run given with <c>--from RUN_DIR</c> and writes a new run directory.</summary>
    ReadsFinishedRun,
}

/// <summary>
/// One command: its name, what it does, which settings it offers as switches, and which of them may differ from a
/// stored run's (on <c>--resume</c>, or from the run given with <c>--from</c>). <c>SlurmArrays</c>: the command's
/// independent cells may be submitted as Slurm job arrays instead of running here (sweep, compare).
/// </summary>
public sealed record CommandSpec(
    string Name,
    string Summary,
    IReadOnlyList<SettingKey> Settings,
    StoredRunUse StoredRun,
    IReadOnlyList<SettingKey> Overridable,
    bool TakesGrid = false,
    bool SlurmArrays = false);
