using AutoLR.Runs;
using AutoLR.RunFormat.Reports;

namespace AutoLR.Experiments;

/// <summary>How a job ended: finished (with a report for report.md, or none) or stopped at a safe point on request.</summary>
/// <param name="Finished">False when the job stopped at a safe point on request.</param>
/// <param name="Report">What report.md shows; null for none.</param>
/// <param name="Summary">Printed on stdout before the final line (e.g. the Recall@K table of `run`); null for none.</param>
public sealed record JobResult(bool Finished, RunReport? Report, string? Summary = null)
{
    public static JobResult Completed(RunReport? report = null, string? summary = null) => new(true, report, summary);

    /// <summary>The job saw cancellation, saved a checkpoint and returned; the run can be resumed.</summary>
    public static JobResult Stopped { get; } = new(false, null);
}
