namespace AutoLR.Experiments.Comparison;

/// <summary>
/// AutoLR minus another method, paired by seed (same split, initial weights, data order and augmentation draws):
/// mean, 95 % confidence interval by Student's t (two-sided, n − 1 degrees of freedom), and wins / ties / losses of
/// AutoLR over the seeds (a tie: equal to 1e-9).
/// </summary>
public sealed record PairedDifference(double Mean, double HalfWidth, int Wins, int Ties, int Losses, int N)
{
    /// <summary>t_{0.975, df} for df = 1..30; above 30 the normal quantile 1.96 (within 2 %).</summary>
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>Differences a[i] − b[i]; with one seed the interval is infinite (no spread to estimate).</summary>
    public static PairedDifference Of(IReadOnlyList<double> autoLr, IReadOnlyList<double> other)
    {
        if (autoLr.Count != other.Count || autoLr.Count == 0)
            throw new ArgumentException($"Paired differences need the same seeds on both sides ({autoLr.Count} vs {other.Count}).");
        var d = autoLr.Zip(other, (a, b) => a - b).ToArray();
        var n = d.Length;
        var mean = d.Average();
        var half = n < 2 ? double.PositiveInfinity : TQuantile(n - 1) * Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (n - 1) / n);
        return new PairedDifference(mean, half, d.Count(x => x > 1e-9), d.Count(x => Math.Abs(x) <= 1e-9), d.Count(x => x < -1e-9), n);
    }

    private static double TQuantile(int df) => df <= T975.Length ? T975[df - 1] : 1.96;
}
