namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// Everything the comparisons say about A against B, R@1 as fractions (a point is 0.01), from the same seeds:
/// the paired differences A − B; their mean with the 95 % Student-t and paired-bootstrap intervals; wins / ties /
/// losses with the sign test's and the Wilcoxon signed-rank test's p-values; the interquartile mean of the
/// differences; rliable's P(A > B) with its interval; and the power line, the seeds a ±1- and a ±2-point t-interval
/// would need at the measured sd.
/// </summary>
public sealed record PairedStatistics(
    PairedDifferences Differences,
    StudentInterval Mean,
    (double Lower, double Upper) BootstrapInterval,
    double SignTestP,
    WilcoxonSignedRank Wilcoxon,
    double InterquartileMean,
    ProbabilityOfImprovement ProbabilityOfImprovement,
    double StandardDeviation,
    int? SeedsForOnePoint,
    int? SeedsForTwoPoints)
{
    public const double Level = 0.95;

    /// <summary>A, B: R@1 (fractions) by seed; only the seeds both have are compared.</summary>
    public static PairedStatistics Of(IReadOnlyDictionary<int, double> a, IReadOnlyDictionary<int, double> b) => Of(PairedDifferences.Of(a, b));

    public static PairedStatistics Of(PairedDifferences differences)
    {
        var values = differences.Values.ToList();
        var sd = Sample.StandardDeviation(values);
        return new PairedStatistics(
            differences,
            StudentInterval.Of(values, Level),
            Bootstrap.MeanInterval(values, Level),
            SignTest.TwoSidedP(differences),
            WilcoxonSignedRank.Of(differences),
            Sample.InterquartileMean(values),
            ProbabilityOfImprovement.WithInterval(differences.A, differences.B, Level),
            sd,
            SeedsForHalfWidth.Of(sd, 0.01, Level),
            SeedsForHalfWidth.Of(sd, 0.02, Level));
    }
}
