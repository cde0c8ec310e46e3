using AutoLR.RunFormat.Statistics;

namespace AutoLR.Integration.RunFormat;

/// <summary>
/// The sign test and the Wilcoxon signed-rank test against exact small cases worked by hand, a published example and
/// a brute-force enumeration of every sign assignment written here (independent of the module's counting).
/// </summary>
public sealed class PairedTestsTests
{
    private static PairedDifferences Differences(params double[] values) =>
        PairedDifferences.Of([.. Enumerable.Range(1, values.Length)], values, new double[values.Length]);

    [Theory]
    [InlineData(new[] { 1.0, 1, 1, 1, 1, 1, 1, -1 }, 0.0703125)] // 7 of 8: 2 (1 + 8) / 2⁸ = 18/256
    [InlineData(new[] { 1.0, 1, 1, 1, 1, 1, 1, 1 }, 0.0078125)] // 8 of 8: 2 / 256
    [InlineData(new[] { 1.0, 1, 1, 1, 1, 1, -1, 0 }, 0.125)] // the tie dropped, 6 of 7: 2 (1 + 7) / 2⁷
    [InlineData(new[] { 1.0, 1, 1, 1, -1, -1, -1, -1 }, 1.0)] // 4 of 8: 2 · 163/256 > 1
    [InlineData(new[] { 0.0, 1e-12, -1e-12 }, 1.0)] // ties only
    [InlineData(new[] { 0.02 }, 1.0)] // 1 of 1: 2 · 1/2
    public void The_sign_test_is_the_exact_two_sided_binomial_of_wins_against_losses(double[] differences, double expected) =>
        Assert.Equal(expected, SignTest.TwoSidedP(Differences(differences)), 1e-15);

    [Fact]
    public void Wilcoxon_exact_small_cases_worked_by_hand()
    {
        // {1, 2, 3}: W⁺ = 6, the largest of 2³ equally likely sums: P(W⁺ ≥ 6) = 1/8, p = 1/4.
        var three = WilcoxonSignedRank.Of(Differences(0.01, 0.02, 0.03));
        Assert.Equal((3, 6.0, 0.25, true), (three.N, three.RankSumOfWins, three.P, three.Exact));
        // {−1, 2, 3, 4}: W⁺ = 9 of 10; only {} and {1} leave ≤ 1 out: P(W⁺ ≥ 9) = 2/16, p = 1/4.
        Assert.Equal(0.25, WilcoxonSignedRank.Of(Differences(-0.01, 0.02, 0.03, 0.04)).P, 1e-15);
        // {1, −1, 2, 2, 3} and a zero (dropped): midranks 1.5, 1.5, 3.5, 3.5, 5; W⁺ = 1.5 + 3.5 + 3.5 + 5 = 13.5 of 15.
        // Sign assignments leaving ≤ 1.5 out: {}, {1.5}, {1.5'}: P(W⁺ ≥ 13.5) = 3/32, p = 6/32.
        var ties = WilcoxonSignedRank.Of(Differences(0.01, -0.01, 0.02, 0.02, 0.03, 0));
        Assert.Equal((5, 13.5, 0.1875), (ties.N, ties.RankSumOfWins, ties.P));
        Assert.Equal((0, 1.0), (WilcoxonSignedRank.Of(Differences(0, 0)).N, WilcoxonSignedRank.Of(Differences(0, 0)).P));
    }

    [Fact]
    public void Wilcoxon_on_the_published_example_with_a_zero_and_tied_ranks()
    {
        // Wikipedia's "Wilcoxon signed-rank test" example: 10 pairs, differences x₁ − x₂ below; the zero is dropped,
        // the two 5s share rank 1.5, and W⁺ = 27, W⁻ = 18 over n = 9 (its T = min = 18). Enumerating the 2⁹ sign
        // assignments gives P(W⁺ ≥ 27) = 162/512, p = 324/512 (the normal approximation, 0.635, is SciPy's there).
        var result = WilcoxonSignedRank.Of(Differences(15, -7, 5, 20, 0, -9, 17, -12, 5, -10));
        Assert.Equal((9, 27.0, true), (result.N, result.RankSumOfWins, result.Exact));
        Assert.Equal(324.0 / 512, result.P, 1e-15);
    }

    [Fact]
    public void Wilcoxon_exact_agrees_with_enumerating_every_sign_assignment()
    {
        var random = new Random(11);
        for (var sample = 0; sample < 40; sample++)
        {
            // Whole points, so that ties and zeros occur, as with R@1 on a few hundred test images.
            var values = Enumerable.Range(0, random.Next(1, 13)).Select(_ => random.Next(-6, 9) / 100.0).ToArray();
            Assert.Equal(BruteForceP(values), WilcoxonSignedRank.Of(Differences(values)).P, 1e-12);
        }
    }

    [Fact]
    public void Wilcoxon_beyond_50_seeds_is_the_tie_corrected_normal_approximation_with_continuity_correction()
    {
        // SciPy 1.10: wilcoxon(d, zero_method="wilcox", correction=True, method="approx") for these differences.
        int[] signs = [-1, -1, -1, 1, 1, -1, 1, -1, -1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, 1, 1, 1, 1, 1, 1, 1, -1, -1, 1,
                       1, 1, 1, 1, -1, 1, 1, 1, -1, 1, 1, -1, 1, -1, -1, -1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1, -1, 1, -1, 1];
        var distinct = WilcoxonSignedRank.Of(Differences([.. signs.Select((s, i) => s * (i + 1) / 100.0)]));
        Assert.Equal((60, 1253.0, false), (distinct.N, distinct.RankSumOfWins, distinct.Exact));
        Assert.Equal(0.012971856486776203, distinct.P, 1e-9);

        double[] tied = [1, 1, 1, 1, 1, 1, 1, 1, -1, 1, 2, 2, -2, 2, 2, -2, -2, -2, 2, 2, 3, -3, 3, 3, -3, 3, 3, 3, 3, 3,
                         4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29];
        Assert.Equal(2.8551097228865884e-08, WilcoxonSignedRank.Of(Differences([.. tied.Select(d => d / 100)])).P, 1e-14);
    }

    /// <summary>
    /// The exact two-sided p by listing all 2ⁿ sign assignments of the non-zero |d|'s midranks (ranks compared by
    /// value here, which whole points make exact).
    /// </summary>
    private static double BruteForceP(double[] values)
    {
        var nonZero = values.Where(v => v != 0).ToArray();
        if (nonZero.Length == 0) return 1;
        var magnitudes = nonZero.Select(Math.Abs).ToArray();
        var ranks = magnitudes.Select(m => magnitudes.Count(x => x < m) + (magnitudes.Count(x => x == m) + 1) / 2.0).ToArray();
        var observed = ranks.Where((_, i) => nonZero[i] > 0).Sum();
        int atMost = 0, atLeast = 0, total = 1 << nonZero.Length;
        for (var mask = 0; mask < total; mask++)
        {
            var sum = ranks.Where((_, i) => (mask >> i & 1) == 1).Sum();
            if (sum <= observed + 1e-9) atMost++;
            if (sum >= observed - 1e-9) atLeast++;
        }
        return Math.Min(1, 2.0 * Math.Min(atMost, atLeast) / total);
    }
}
