namespace AutoLR.Experiments.Progress;

/// <summary>
/// Where a job reports how far it is. <paramref name="Phase"/> names the loop (e.g. "prune depth 1, epoch 2/3"),
/// <paramref name="Done"/> and <paramref name="Total"/> count its steps (batches), <paramref name="Status"/> is a short
/// free text (loss, trial). A new phase restarts the ETA.
/// </summary>
public sealed record ProgressUpdate(string Phase, long Done, long Total, string? Status = null);

/// <summary>
/// The one progress interface jobs see: a bar with ETA on a terminal, periodic log lines elsewhere (CI, systemd).
/// Called from the job thread; implementations must be cheap (they throttle their own output).
/// </summary>
public interface IProgressSink
{
    void Report(ProgressUpdate update);

    /// <summary>Ends the current line or phase (the job finished or stopped).</summary>
    void Complete();
}
