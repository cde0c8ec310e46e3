using AutoLR.RunFormat.Statistics;

namespace AutoLR.Integration.RunFormat;

/// <summary>
/// The Student-t interval and the power line worked by hand from the printed t-table; the bootstrap interval against
/// the exact bootstrap distribution, enumerated here over every one of the nⁿ equally likely resamples.
/// </summary>
public sealed class IntervalTests
{
    [Fact]
    public void The_t_interval_is_mean_plus_minus_the_table_t_times_the_standard_error()
    {
        // 0.01, 0.03, 0.05, 0.07: mean 0.04, s² = (9 + 1 + 1 + 9)·10⁻⁴ / 3, s/√4 = 0.01291; t₃ = 3.182: ±0.04108.
        var interval = StudentInterval.Of([0.01, 0.03, 0.05, 0.07]);
        Assert.Equal(0.04, interval.Mean, 1e-15);
        Assert.Equal(3.182 * Math.Sqrt(20e-4 / 3) / 2, interval.HalfWidth, 1e-15);
        Assert.Equal(interval.Mean - interval.HalfWidth, interval.Lower);
        Assert.True(double.IsPositiveInfinity(StudentInterval.Of([0.02]).HalfWidth), "one seed has no spread to estimate");
    }

    [Theory]
    [InlineData(0.01, 0.01, 7)] // t₆ 2.447/√7 = 0.925 ≤ 1; t₅ 2.571/√6 = 1.050 > 1
    [InlineData(0.01, 0.02, 4)] // t₃ 3.182/2 = 1.591 ≤ 2; t₂ 4.303/√3 = 2.484 > 2
    [InlineData(0.05, 0.01, 99)] // 5 · t₉₈ 1.984/√99 = 0.9970 ≤ 1; 5 · t₉₇ 1.985/√98 = 1.0026 > 1
    [InlineData(0.0, 0.01, 2)]
    public void The_power_line_is_the_fewest_seeds_whose_t_interval_is_that_narrow(double sd, double halfWidth, int seeds) =>
        Assert.Equal(seeds, SeedsForHalfWidth.Of(sd, halfWidth));

    [Fact]
    public void The_power_line_has_no_answer_without_a_measured_sd_or_beyond_its_limit()
    {
        Assert.Null(SeedsForHalfWidth.Of(double.NaN, 0.01));
        Assert.Null(SeedsForHalfWidth.Of(10, 0.01));
    }

    [Fact]
    public void The_bootstrap_interval_is_the_percentile_interval_of_the_exact_bootstrap_distribution()
    {
        // {0, 1, 3, 10} has 4⁴ = 256 equally likely resamples; the 2.5 % and 97.5 % points of their means are 0.5 and
        // 7.75, each with ≥ 0.5 % of probability between it and its neighbours (8 Monte Carlo standard errors at 50,000).
        double[] values = [0, 1, 3, 10];
        var (exactLower, exactUpper) = ExactPercentiles(AllResamples(values).Select(r => r.Average()).ToList(), 0.005);
        Assert.Equal((0.5, 7.75), (exactLower, exactUpper));
        Assert.Equal((exactLower, exactUpper), Bootstrap.MeanInterval(values));
    }

    [Fact]
    public void The_bootstrap_is_seeded_so_the_same_values_give_the_same_interval()
    {
        double[] values = [0.012, -0.031, 0.004, 0.027, -0.008, 0.019, 0.001, -0.015];
        var first = Bootstrap.MeanInterval(values);
        Assert.Equal(first, Bootstrap.MeanInterval(values));
        // And it is an interval around the mean, near the t-interval for such tame values.
        var t = StudentInterval.Of(values);
        Assert.InRange(values.Average(), first.Lower, first.Upper);
        Assert.InRange(first.Upper - first.Lower, 0.6 * 2 * t.HalfWidth, 1.2 * 2 * t.HalfWidth);
    }

    /// <summary>Every ordered resample with replacement of <paramref name="values"/> (nⁿ of them).</summary>
    public static IEnumerable<double[]> AllResamples(double[] values)
    {
        var n = values.Length;
        var count = (int)Math.Pow(n, n);
        for (var code = 0; code < count; code++)
        {
            var sample = new double[n];
            for (int i = 0, rest = code; i < n; i++, rest /= n) sample[i] = values[rest % n];
            yield return sample;
        }
    }

    /// <summary>
    /// The smallest values v with P(X ≤ v) ≥ 2.5 % and ≥ 97.5 % of an equally likely list, asserting that the
    /// distribution function passes each level with at least <paramref name="margin"/> to spare on both sides (so a
    /// Monte Carlo estimate cannot land on a neighbour).
    /// </summary>
    public static (double Lower, double Upper) ExactPercentiles(IReadOnlyList<double> outcomes, double margin)
    {
        var support = outcomes.GroupBy(v => Math.Round(v, 9)).OrderBy(g => g.Key).Select(g => (Value: g.Min(), Probability: (double)g.Count() / outcomes.Count)).ToList();
        double Point(double level)
        {
            var below = 0.0;
            foreach (var (value, probability) in support)
            {
                if (below + probability >= level)
                {
                    Assert.True(below <= level - margin && below + probability >= level + margin, $"the {level} point {value} is too close to a neighbour");
                    return value;
                }
                below += probability;
            }
            return support[^1].Value;
        }
        return (Point(0.025), Point(0.975));
    }
}
