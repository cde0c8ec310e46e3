using AutoLR.Experiments.Progress;
using AutoLR.Runs;
using AutoLR.Runs.Checkpoints;
using AutoLR.Settings;
using AutoLR.Settings.Grids;
using Microsoft.Extensions.Logging;

namespace AutoLR.Experiments;

/// <summary>
/// Everything a job receives from the host; the job needs nothing else from it.
/// </summary>
public sealed class RunContext
{
    /// <summary>The command that runs: run, finetune, prune, evaluate, sweep or export.</summary>
    public required string Command { get; init; }

    /// <summary>The validated settings (also stored in the run directory's config.json).</summary>
    public required RunSettings Settings { get; init; }

    /// <summary>The run directory: trace and metrics writers, checkpoint store, report path.</summary>
    public required RunFolder Run { get; init; }

    public required IProgressSink Progress { get; init; }

    /// <summary>Cancelled on SIGTERM or Ctrl-C; check it at batch boundaries, then checkpoint and return Stopped.</summary>
    public required CancellationToken Cancellation { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>On <c>--resume</c>: the newest intact checkpoint of the run to continue from; null on a fresh run or when none was written yet.</summary>
    public Checkpoint? ResumeFrom { get; init; }

    /// <summary>True when this is a resumed run (even if no checkpoint existed yet).</summary>
    public bool IsResumed { get; init; }

    /// <summary>For evaluate and export: the finished run directory given with <c>--from</c>.</summary>
    public string? SourceRun { get; init; }

    /// <summary>For sweep: the grid given with <c>--grid</c>; empty for other commands.</summary>
    public IReadOnlyList<SweepAxis> Grid { get; init; } = [];
}
