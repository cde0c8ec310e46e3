namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// Percentile bootstrap intervals (Efron 1979), as rliable reports its intervals (Agarwal et al. 2021; its default
/// method and number of resamples): the statistic is recomputed on <see cref="Resamples"/> samples drawn with
/// replacement, and the interval runs between the (1 − level)/2 and (1 + level)/2 quantiles of those values, linearly
/// interpolated between order statistics (NumPy's default). Percentile rather than BCa: with 4–10 seeds BCa's
/// jackknife acceleration is itself estimated from a handful of values, and rliable's default is percentile too.
/// Deterministic: every interval draws from its own generator seeded with <see cref="Seed"/>, so the same values
/// always give the same interval.
/// </summary>
public static class Bootstrap
{
    /// <summary>Resamples per interval: rliable's default (its Monte Carlo error is about ±0.1 % of coverage).</summary>
    public const int Resamples = 50_000;

    /// <summary>The generator's seed: any fixed number would do; this one is the rliable paper's arXiv month.</summary>
    public const ulong Seed = 2108;

    /// <summary>
    /// The paired bootstrap interval of a mean difference: seeds are resampled, each keeping its pair, so the
    /// differences themselves are the sample.
    /// </summary>
    public static (double Lower, double Upper) MeanInterval(IReadOnlyList<double> differences, double level = 0.95)
    {
        if (differences.Count == 0) throw new ArgumentException("A bootstrap needs at least one value.", nameof(differences));
        var draws = new Resampling(Seed);
        var sample = new double[differences.Count];
        var means = new double[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            draws.Draw(differences, sample);
            means[r] = sample.Average();
        }
        return Percentiles(means, level);
    }

    /// <summary>
    /// The interval of a statistic of two independent samples, each resampled on its own (rliable's
    /// <c>StratifiedIndependentBootstrap</c>, which its probability of improvement uses).
    /// </summary>
    public static (double Lower, double Upper) IndependentInterval(
        IReadOnlyList<double> a, IReadOnlyList<double> b, Func<double[], double[], double> statistic, double level = 0.95)
    {
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException("A bootstrap needs at least one value on each side.");
        var draws = new Resampling(Seed);
        var sampleA = new double[a.Count];
        var sampleB = new double[b.Count];
        var values = new double[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            draws.Draw(a, sampleA);
            draws.Draw(b, sampleB);
            values[r] = statistic(sampleA, sampleB);
        }
        return Percentiles(values, level);
    }

    /// <summary>The (1 ∓ level)/2 quantiles of <paramref name="values"/> (sorted in place), linearly interpolated.</summary>
    internal static (double Lower, double Upper) Percentiles(double[] values, double level)
    {
        Array.Sort(values);
        return (Quantile(values, (1 - level) / 2), Quantile(values, (1 + level) / 2));
    }

    /// <summary>The q-quantile of sorted values: position q·(n − 1), between its two neighbours.</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
