namespace AutoLR.Experiments.Progress;

/// <summary>
/// A one-line progress bar with ETA, redrawn in place with a carriage return, at most every 100 ms so that a
/// fast loop does not spend its time printing. Used only when stdout is a terminal.
/// </summary>
public sealed class TerminalProgressBar(TextWriter output, TimeProvider time) : IProgressSink
{
    private const int BarWidth = 30;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private string? _phase;
    private long _phaseStart;
    private long _lastDraw;
    private int _lastLength;

    public void Report(ProgressUpdate update)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (update.Phase != _phase)
            {
                if (_phase is not null) output.WriteLine();
                _phase = update.Phase;
                _phaseStart = now;
                _lastLength = 0;
            }
            else if (update.Done < update.Total && time.GetElapsedTime(_lastDraw, now) < RedrawInterval)
            {
                return;
            }
            _lastDraw = now;
            Draw(update, time.GetElapsedTime(_phaseStart, now));
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            if (_phase is not null) output.WriteLine();
            _phase = null;
            output.Flush();
        }
    }

    private void Draw(ProgressUpdate update, TimeSpan elapsed)
    {
        var fraction = update.Total > 0 ? Math.Clamp((double)update.Done / update.Total, 0, 1) : 0;
        var filled = (int)Math.Round(fraction * BarWidth);
        var eta = EtaEstimate.Format(EtaEstimate.Remaining(elapsed, update.Done, update.Total));
        var line = $"{update.Phase} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {fraction:P0} " +
                   $"{update.Done}/{update.Total} ETA {eta}{(update.Status is null ? "" : "  " + update.Status)}";
        output.Write('\r' + line.PadRight(_lastLength));
        _lastLength = line.Length;
        output.Flush();
    }
}
