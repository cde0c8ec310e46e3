namespace AutoLR.Commands;

/// <summary>How the worker ended, for the command line to turn into a message and an exit code.</summary>
public enum JobEnd
{
    NotStarted,
    NotAvailable,
    /// <summary>The job was still running when the host gave up waiting (it ignored cancellation past the shutdown timeout).</summary>
    Running,
    Completed,
    Stopped,
    Failed,
    /// <summary>The settings do not fit the run or its data; refused before any training (exit code 2).</summary>
    Refused,
}

/// <summary>Written once by <see cref="JobWorker"/>, read by the command line after the host has shut down.</summary>
public sealed class JobOutcome
{
    public JobEnd End { get; private set; } = JobEnd.NotStarted;
    public string? RunFolder { get; private set; }
    public string? Message { get; private set; }

    /// <summary>What a completed job asked to print before the final line.</summary>
    public string? Summary { get; set; }

    public void Set(JobEnd end, string? runFolder, string? message = null)
    {
        End = end;
        RunFolder = runFolder;
        Message = message;
    }
}
