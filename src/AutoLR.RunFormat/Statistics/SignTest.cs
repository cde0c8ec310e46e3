namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// The two-sided sign test of "A and B are equally likely to win a seed": ties (differences within
/// <see cref="PairedDifferences.TieTolerance"/>) are dropped, and of the n seeds left, k = min(wins, losses) is
/// compared with Binomial(n, 1/2) exactly: p = min(1, 2 · P(X ≤ k)). No seeds left: p = 1.
/// </summary>
public static class SignTest
{
    public static double TwoSidedP(PairedDifferences differences)
    {
        var n = differences.Wins + differences.Losses;
        var k = Math.Min(differences.Wins, differences.Losses);
        // P(X ≤ k) = Σ_{i ≤ k} C(n, i) / 2ⁿ, with C(n, i) built up term by term in doubles (exact up to n = 1000s).
        double term = Math.Pow(0.5, n), tail = 0;
        for (var i = 0; i <= k; i++)
        {
            tail += term;
            term *= (double)(n - i) / (i + 1);
        }
        return Math.Min(1, 2 * tail);
    }
}
