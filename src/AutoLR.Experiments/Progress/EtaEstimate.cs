namespace AutoLR.Experiments.Progress;

/// <summary>Remaining time of a phase, extrapolated linearly from the steps done so far.</summary>
public static class EtaEstimate
{
    /// <summary>Null until a step is done (no rate yet) or when the total is unknown (≤ 0).</summary>
    public static TimeSpan? Remaining(TimeSpan elapsed, long done, long total)
    {
        if (done <= 0 || total <= 0) return null;
        if (done >= total) return TimeSpan.Zero;
        return TimeSpan.FromTicks((long)(elapsed.Ticks * ((double)(total - done) / done)));
    }

    /// <summary>mm:ss, or h:mm:ss past an hour; "--:--" when unknown.</summary>
    public static string Format(TimeSpan? eta) => eta switch
    {
        null => "--:--",
        { TotalHours: >= 1 } t => $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}",
        var t => $"{t.Value.Minutes:D2}:{t.Value.Seconds:D2}",
    };
}
