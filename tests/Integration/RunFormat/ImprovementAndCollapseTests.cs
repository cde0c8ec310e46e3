using AutoLR.RunFormat.Statistics;

namespace AutoLR.Integration.RunFormat;

/// <summary>
/// rliable's probability of improvement worked by hand and its interval against the exact independent bootstrap
/// (enumerated); the interquartile mean against SciPy's trim_mean(x, 0.25) worked by hand; the collapse rule.
/// </summary>
public sealed class ImprovementAndCollapseTests
{
    private static readonly double[] A = [0.70, 0.80, 0.90];
    private static readonly double[] B = [0.60, 0.80, 0.85];

    [Fact]
    public void P_of_improvement_counts_every_pair_with_ties_as_half()
    {
        // 0.70 beats 0.60 (1); 0.80 beats 0.60 and ties 0.80 (1.5); 0.90 beats all three (3): 5.5 of 9 pairs.
        Assert.Equal(5.5 / 9, ProbabilityOfImprovement.Of(A, B), 1e-15);
        Assert.Equal(3.5 / 9, ProbabilityOfImprovement.Of(B, A), 1e-15);
        Assert.Equal(0.5, ProbabilityOfImprovement.Of(A, A), 1e-15);
    }

    [Fact]
    public void P_of_improvement_has_the_percentile_interval_of_resampling_each_method_on_its_own()
    {
        // 27 × 27 equally likely pairs of resamples: the 2.5 % point is 1/18, the 97.5 % point 1.
        var outcomes = IntervalTests.AllResamples(A).SelectMany(a => IntervalTests.AllResamples(B).Select(b => ProbabilityOfImprovement.Of(a, b))).ToList();
        var (lower, upper) = IntervalTests.ExactPercentiles(outcomes, 0.004);
        Assert.Equal((1.0 / 18, 1.0), (lower, upper), new Tolerance(1e-12));
        var estimate = ProbabilityOfImprovement.WithInterval(A, B);
        Assert.Equal(5.5 / 9, estimate.Estimate, 1e-15);
        Assert.Equal((lower, upper), (estimate.Lower, estimate.Upper), new Tolerance(1e-12));
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4, 5, 6, 7, 8 }, 4.5)] // cut 2 from each end: mean of 3..6
    [InlineData(new[] { 1.0, 2, 3, 4, 5, 6, 7, 100 }, 4.5)] // the outlier is cut
    [InlineData(new[] { 1.0, 2, 3, 4, 100 }, 3.0)] // ⌊5/4⌋ = 1 from each end
    [InlineData(new[] { 1.0, 2, 30 }, 11.0)] // ⌊3/4⌋ = 0: the mean
    [InlineData(new[] { 40.0, 3, 2, 1 }, 2.5)] // unsorted input
    public void The_interquartile_mean_cuts_a_quarter_from_each_end(double[] values, double expected) =>
        Assert.Equal(expected, Sample.InterquartileMean(values), 1e-12);

    [Fact]
    public void A_seed_collapses_when_more_than_ten_points_below_its_methods_median()
    {
        var rule = CollapseRule.Default;
        Assert.Equal([4], rule.Collapsed(new Dictionary<int, double> { [1] = 0.90, [2] = 0.91, [3] = 0.89, [4] = 0.70, [5] = 0.92 }));
        // Exactly ten points below is not more than ten (0.91 − 0.81 is 0.10000000000000009 in doubles).
        Assert.Empty(rule.Collapsed(new Dictionary<int, double> { [1] = 0.91, [2] = 0.81, [3] = 0.95 }));
        Assert.Equal([2, 3], rule.Collapsed(new Dictionary<int, double> { [3] = 0.60, [1] = 0.90, [2] = 0.65, [4] = 0.91, [5] = 0.92 }));
        Assert.Equal("a seed collapsed when its test R@1 is more than 10 points below the median of its method's seeds", rule.Definition);
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance;

        public int GetHashCode((double, double) obj) => 0;
    }
}
