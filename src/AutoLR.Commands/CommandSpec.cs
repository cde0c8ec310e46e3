using AutoLR.Algorithms;
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
/// One command: its name, what it does, and the groups of settings it offers as switches. Which of them may differ
/// from a stored run's follows from how it uses one: a resumed run may change how it computes
/// (<see cref="SettingRole.Compute"/>), a command reading a finished run with <c>--from</c> any setting it offers.
/// <c>SlurmArrays</c>: the command's independent cells may be submitted as Slurm job arrays instead of running here
/// (sweep, compare).
/// </summary>
public sealed record CommandSpec(
    string Name,
    string Summary,
    IReadOnlyList<SettingGroup> Groups,
    StoredRunUse StoredRun,
    bool TakesGrid = false,
    bool SlurmArrays = false)
{
    /// <summary>The settings of <see cref="Groups"/>, in registry order.</summary>
    public IReadOnlyList<Setting> Settings { get; } = [.. SettingRegistry.All.Where(s => s.Groups.Any(Groups.Contains))];

    /// <summary>
    /// What a stored run's settings let this command change: a resumed run is the same experiment, so only how it
    /// computes; a run read with <c>--from</c> only supplies defaults for a new one.
    /// </summary>
    public IReadOnlyList<Setting> Overridable =>
        StoredRun == StoredRunUse.Resumable ? [.. Settings.Where(s => s.Role == SettingRole.Compute)] : Settings;
}
