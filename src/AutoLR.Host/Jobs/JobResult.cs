using AutoLR.Host.RunDirectory;

namespace AutoLR.Host.Jobs;

/// <summary>How a job ended: finished (with a report for report.md, or none) or stopped at a safe point on request.</summary>
public sealed record JobResult(bool Finished, RunReport? Report)
{
    public static JobResult Completed(RunReport? report = null) => new(true, report);

    /// <summary>The job saw cancellation, saved a checkpoint and returned; the run can be resumed.</summary>
    public static JobResult Stopped { get; } = new(false, null);
}
