namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// P(A > B) as rliable reports it (Agarwal et al. 2021, "probability of improvement"): the chance that a run of A
/// scores higher than a run of B, estimated over every pair of A's and B's runs with ties counting half (the
/// Mann–Whitney U statistic over n·m), and its percentile bootstrap interval with A's and B's runs resampled
/// independently (<see cref="Bootstrap.IndependentInterval"/>). Pairing by seed is not used, as in rliable; 0.5 means
/// neither method tends to score higher.
/// </summary>
public sealed record ProbabilityOfImprovement(double Estimate, double Lower, double Upper)
{
    public static ProbabilityOfImprovement WithInterval(IReadOnlyList<double> a, IReadOnlyList<double> b, double level = 0.95)
    {
        var (lower, upper) = Bootstrap.IndependentInterval(a, b, Of, level);
        return new ProbabilityOfImprovement(Of(a, b), lower, upper);
    }

    /// <summary>(#{(i, j): a_i > b_j} + ½ #{(i, j): a_i = b_j}) / (n·m), equal meaning within <see cref="PairedDifferences.TieTolerance"/>.</summary>
    public static double Of(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException("P(A > B) needs at least one run of each.");
        double score = 0;
        foreach (var x in a)
        foreach (var y in b)
            score += x - y > PairedDifferences.TieTolerance ? 1 : Math.Abs(x - y) <= PairedDifferences.TieTolerance ? 0.5 : 0;
        return score / (a.Count * (double)b.Count);
    }
}
