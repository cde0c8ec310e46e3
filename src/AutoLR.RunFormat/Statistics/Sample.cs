namespace AutoLR.RunFormat.Statistics;

/// <summary>Summaries of one sample of values (e.g. a method's test R@1 over seeds).</summary>
public static class Sample
{
    public static double Mean(IReadOnlyCollection<double> values) => values.Average();

    /// <summary>The sample standard deviation, divisor n − 1; NaN for fewer than two values.</summary>
    public static double StandardDeviation(IReadOnlyCollection<double> values)
    {
        if (values.Count < 2) return double.NaN;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / (values.Count - 1));
    }

    /// <summary>The middle value, or the mean of the two middle values for an even count.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("The median of no values is undefined.", nameof(values));
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The interquartile mean (Agarwal et al. 2021, rliable's IQM): the mean of what is left after ⌊n/4⌋ values are
    /// cut from each end of the sorted sample (SciPy's <c>trim_mean(x, 0.25)</c>). It ignores one collapsed seed in
    /// eight, where the mean follows it, and uses half the sample, where the median uses one or two values.
    /// </summary>
    public static double InterquartileMean(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("The interquartile mean of no values is undefined.", nameof(values));
        var cut = values.Count / 4;
        return values.Order().Skip(cut).Take(values.Count - 2 * cut).Average();
    }
}
