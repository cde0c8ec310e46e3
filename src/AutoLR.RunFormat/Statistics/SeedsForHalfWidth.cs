namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// The power line: how many seeds the paired difference needs for its Student-t interval to be ± a target wide, if
/// the sd stays what was measured: the smallest n ≥ 2 with t · sd / √n ≤ half-width, t the interval's own multiplier
/// (<see cref="StudentInterval.Multiplier"/>).
/// </summary>
public static class SeedsForHalfWidth
{
    /// <summary>Beyond this the answer is "more than it": a comparison will not run that many seeds.</summary>
    public const int Most = 100_000;

    /// <summary>The seeds needed; null when the sd is not a finite number (fewer than two seeds) or more than <see cref="Most"/> would be.</summary>
    public static int? Of(double sd, double halfWidth, double level = 0.95)
    {
        if (halfWidth <= 0) throw new ArgumentOutOfRangeException(nameof(halfWidth), halfWidth, "The target half-width must be positive.");
        if (!double.IsFinite(sd) || sd < 0) return null;
        bool Enough(int n) => StudentInterval.Multiplier(level, n) * sd / Math.Sqrt(n) <= halfWidth;
        if (!Enough(Most)) return null;
        // The half-width falls as n grows (t falls, √n grows): bisect for the first n that is enough.
        int low = 1, high = Most;
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (middle >= 2 && Enough(middle)) high = middle;
            else low = middle;
        }
        return high;
    }
}
