namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// The quantile of a continuous distribution on [0, ∞) from its distribution function alone: double an upper bound
/// from a start until the function reaches the probability, then bisect to the last bit. Student's t (its upper half)
/// and χ² both invert their distribution functions this way.
/// </summary>
internal static class QuantileSearch
{
    /// <summary>The smallest representable x ≥ 0 with <paramref name="cdf"/>(x) ≥ <paramref name="p"/>, bracketed from [0, <paramref name="start"/>].</summary>
    public static double Invert(Func<double, double> cdf, double p, double start)
    {
        double low = 0, high = start;
        while (cdf(high) < p) high *= 2;
        while (true)
        {
            var middle = low + (high - low) / 2;
            if (middle <= low || middle >= high) return high;
            if (cdf(middle) < p) low = middle;
            else high = middle;
        }
    }
}
