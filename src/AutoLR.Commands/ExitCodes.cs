namespace AutoLR.Commands;

/// <summary>Process exit codes of <c>autolr</c>; scripts and systemd units can tell the cases apart.</summary>
public static class ExitCodes
{
    /// <summary>The job finished, or stopped on request at a safe point (the resume line says how to continue).</summary>
    public const int Success = 0;
    /// <summary>The job failed while running; the log says why.</summary>
    public const int JobFailed = 1;
    /// <summary>Invalid command line or configuration; nothing ran and no run directory was created.</summary>
    public const int InvalidConfiguration = 2;
    /// <summary>The command has no job yet (the training engine is not wired in); nothing ran.</summary>
    public const int JobNotAvailable = 3;
    /// <summary>
    /// A sweep cell stopped at a safe point (warning signal, SIGTERM, preemption) without results; its checkpoint is
    /// kept and it resumes when run again. Never 0, so Slurm and scripts cannot mistake it for a finished cell.
    /// </summary>
    public const int CellNotFinished = 4;
}
