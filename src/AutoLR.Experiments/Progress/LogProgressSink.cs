using Microsoft.Extensions.Logging;

namespace AutoLR.Experiments.Progress;

/// <summary>
/// Progress as structured log lines, for output that is not a terminal (CI logs, the systemd journal): one line
/// when a phase starts, one at most every <c>interval</c>, and one when a phase completes.
/// </summary>
public sealed partial class LogProgressSink(ILogger logger, TimeProvider time, TimeSpan interval) : IProgressSink
{
    private readonly Lock _gate = new();
    private string? _phase;
    private long _phaseStart;
    private long _lastLine;

    public void Report(ProgressUpdate update)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var newPhase = update.Phase != _phase;
            if (newPhase)
            {
                _phase = update.Phase;
                _phaseStart = now;
            }
            var finished = update.Total > 0 && update.Done >= update.Total;
            if (!newPhase && !finished && time.GetElapsedTime(_lastLine, now) < interval) return;
            _lastLine = now;
            var eta = EtaEstimate.Remaining(time.GetElapsedTime(_phaseStart, now), update.Done, update.Total);
            var percent = update.Total > 0 ? 100.0 * update.Done / update.Total : 0;
            LogProgress(logger, update.Phase, update.Done, update.Total, percent, EtaEstimate.Format(eta), update.Status ?? "");
        }
    }

    public void Complete()
    {
        lock (_gate) _phase = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Phase}: {Done}/{Total} ({Percent:F0}%), ETA {Eta} {Status}")]
    private static partial void LogProgress(ILogger logger, string phase, long done, long total, double percent, string eta, string status);
}
