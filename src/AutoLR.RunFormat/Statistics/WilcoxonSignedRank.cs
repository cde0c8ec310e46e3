namespace AutoLR.RunFormat.Statistics;

/// <summary>The Wilcoxon signed-rank test of one sample of paired differences.</summary>
/// <param name="N">Seeds with a non-zero difference (the ones ranked).</param>
/// <param name="RankSumOfWins">W⁺: the sum of the ranks of |difference| over the seeds A won.</param>
/// <param name="P">Two-sided p-value of "the differences are symmetric about 0".</param>
/// <param name="Exact">True when <paramref name="P"/> is the exact permutation p-value, false for the normal approximation.</param>
public sealed record WilcoxonSignedRank(int N, double RankSumOfWins, double P, bool Exact)
{
    /// <summary>Up to this many non-zero differences the p-value is exact; beyond, the normal approximation.</summary>
    public const int ExactUpTo = 50;

    /// <summary>
    /// Zeros (|d| within <see cref="PairedDifferences.TieTolerance"/>) are dropped, as Wilcoxon did (SciPy's
    /// <c>zero_method="wilcox"</c>). Tied |d| (within the same tolerance) share the mean of their ranks (midranks).
    /// Exact: every one of the 2ⁿ sign assignments of the observed ranks, midranks included, is equally likely under
    /// the null; the distribution of W⁺ is counted over them (in half-rank units, so midranks stay whole), and
    /// p = min(1, 2 · min(P(W⁺ ≤ w), P(W⁺ ≥ w))). Above <see cref="ExactUpTo"/>: z = (|w − n(n+1)/4| − ½) / σ, with
    /// σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over tie groups of size t, and p = 2 (1 − Φ(z)). No seeds left: p = 1.
    /// </summary>
    public static WilcoxonSignedRank Of(PairedDifferences differences)
    {
        var nonZero = differences.Values.Where(d => Math.Abs(d) > PairedDifferences.TieTolerance).ToArray();
        var n = nonZero.Length;
        if (n == 0) return new WilcoxonSignedRank(0, 0, 1, true);
        var (twiceRanks, tieGroups) = TwiceMidranks(nonZero.Select(Math.Abs).ToArray());
        var twiceW = Enumerable.Range(0, n).Where(i => nonZero[i] > 0).Sum(i => twiceRanks[i]);
        var w = twiceW / 2.0;
        if (n <= ExactUpTo)
            return new WilcoxonSignedRank(n, w, ExactP(twiceRanks, twiceW), true);
        var mean = n * (n + 1) / 4.0;
        var variance = n * (n + 1.0) * (2 * n + 1) / 24 - tieGroups.Sum(t => (double)t * t * t - t) / 48;
        var z = Math.Max(0, Math.Abs(w - mean) - 0.5) / Math.Sqrt(variance);
        return new WilcoxonSignedRank(n, w, Math.Min(1, 2 * (1 - SpecialFunctions.NormalCdf(z))), false);
    }

    /// <summary>Twice the midrank of each value (whole numbers) and the sizes of the tie groups.</summary>
    private static (int[] TwiceRanks, List<int> TieGroups) TwiceMidranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var twiceRanks = new int[values.Length];
        var groups = new List<int>();
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] - values[order[start]] <= PairedDifferences.TieTolerance) end++;
            // Ranks start + 1 .. end + 1 share their mean; twice it is start + end + 2.
            for (var i = start; i <= end; i++) twiceRanks[order[i]] = start + end + 2;
            groups.Add(end - start + 1);
            start = end + 1;
        }
        return (twiceRanks, groups);
    }

    /// <summary>The exact two-sided p of an observed 2W⁺ over all sign assignments of <paramref name="twiceRanks"/>.</summary>
    private static double ExactP(int[] twiceRanks, int observed)
    {
        // probability[s]: P(2W⁺ = s) when each rank is positive with probability 1/2, independently.
        var total = twiceRanks.Sum();
        var probability = new double[total + 1];
        probability[0] = 1;
        var reach = 0;
        foreach (var rank in twiceRanks)
        {
            for (var s = reach; s >= 0; s--)
            {
                var p = probability[s] / 2;
                probability[s] = p;
                probability[s + rank] += p;
            }
            reach += rank;
        }
        var lower = probability.Take(observed + 1).Sum();
        var upper = probability.Skip(observed).Sum();
        return Math.Min(1, 2 * Math.Min(lower, upper));
    }
}
