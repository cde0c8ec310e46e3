using AutoLR.RunFormat.Statistics;

namespace AutoLR.Integration.RunFormat;

/// <summary>
/// Every statistic of one comparison together, on eight seeds where method A wins six by one to three points and
/// collapses once (seed 5, 22 points below its median): the mean is dragged below zero, while the IQM, the sign and
/// Wilcoxon tests, P(A > B) and the collapse count each tell the rest of the story. Expected values by hand (and,
/// while writing, SciPy 1.10: binomtest(6, 8).pvalue = 0.2890625, trim_mean(d, 0.25) = 0.0175, std(d, ddof=1) =
/// 0.08066686343935071; the Wilcoxon p by enumerating 2⁸ sign assignments, 64/256).
/// </summary>
public sealed class PairedStatisticsTests
{
    private static readonly Dictionary<int, double> MethodA = new()
    {
        [1] = 0.91, [2] = 0.92, [3] = 0.90, [4] = 0.93, [5] = 0.69, [6] = 0.91, [7] = 0.92, [8] = 0.90, [9] = 0.95,
    };

    private static readonly Dictionary<int, double> MethodB = new()
    {
        [8] = 0.88, [7] = 0.90, [6] = 0.89, [5] = 0.90, [4] = 0.90, [3] = 0.91, [2] = 0.90, [1] = 0.90, [10] = 0.50,
    };

    [Fact]
    public void A_comparison_pairs_the_seeds_both_ran_and_reports_every_statistic()
    {
        var stats = PairedStatistics.Of(MethodA, MethodB);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], stats.Differences.Seeds);
        Assert.Equal((6, 0, 2), (stats.Differences.Wins, stats.Differences.Ties, stats.Differences.Losses));
        Assert.Equal(-0.0125, stats.Mean.Mean, 1e-15);
        Assert.Equal(0.08066686343935071, stats.StandardDeviation, 1e-15);
        Assert.Equal(2.365 * 0.08066686343935071 / Math.Sqrt(8), stats.Mean.HalfWidth, 1e-15);
        Assert.Equal(74.0 / 256, stats.SignTestP, 1e-15); // 2 (1 + 8 + 28) / 2⁸
        // |d| midranks: 0.01 ×2 → 1.5, 0.02 ×4 → 4.5, 0.03 → 7, 0.21 → 8; W⁺ = 1.5 + 4 · 4.5 + 7 = 26.5 of 36.
        Assert.Equal((26.5, 0.25), (stats.Wilcoxon.RankSumOfWins, stats.Wilcoxon.P));
        Assert.Equal(0.0175, stats.InterquartileMean, 1e-15); // mean of 0.01, 0.02, 0.02, 0.02
        Assert.Equal(48.0 / 64, stats.ProbabilityOfImprovement.Estimate, 1e-15);
        Assert.InRange(stats.ProbabilityOfImprovement.Estimate, stats.ProbabilityOfImprovement.Lower, stats.ProbabilityOfImprovement.Upper);
        Assert.InRange(stats.Mean.Mean, stats.BootstrapInterval.Lower, stats.BootstrapInterval.Upper);
        // Power: the smallest n with t(n − 1) · 0.0807 / √n ≤ 0.01 (n = 253) and ≤ 0.02 (n = 65).
        Assert.Equal((253, 65), (stats.SeedsForOnePoint, stats.SeedsForTwoPoints));
        Assert.Equal([5], CollapseRule.Default.Collapsed(MethodA));
        Assert.Empty(CollapseRule.Default.Collapsed(MethodB.Where(s => s.Key <= 8).ToDictionary()));
    }

    [Fact]
    public void The_same_runs_give_the_same_statistics_to_the_last_bit()
    {
        var first = PairedStatistics.Of(MethodA, MethodB);
        var second = PairedStatistics.Of(MethodA, MethodB);
        Assert.Equal(first.BootstrapInterval, second.BootstrapInterval);
        Assert.Equal((first.ProbabilityOfImprovement.Lower, first.ProbabilityOfImprovement.Upper),
            (second.ProbabilityOfImprovement.Lower, second.ProbabilityOfImprovement.Upper));
    }
}
