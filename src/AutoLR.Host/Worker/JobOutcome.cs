namespace AutoLR.Host.Worker;

/// <summary>How the worker ended, for the command line to turn into a message and an exit code.</summary>
public enum JobEnd { NotStarted, NotAvailable, Completed, Stopped, Failed }

/// <summary>Written once by <see cref="JobWorker"/>, read by the command line after the host has shut down.</summary>
public sealed class JobOutcome
{
    public JobEnd End { get; private set; } = JobEnd.NotStarted;
    public string? RunFolder { get; private set; }
    public string? Message { get; private set; }

    public void Set(JobEnd end, string? runFolder, string? message = null)
    {
        End = end;
        RunFolder = runFolder;
        Message = message;
    }
}
