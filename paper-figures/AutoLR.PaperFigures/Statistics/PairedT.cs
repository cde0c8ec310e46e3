namespace AutoLR.PaperFigures.Statistics;

/// <summary>
/// A paired difference over seeds (AutoLR − method): mean, half-width of the two-sided 95 % Student-t interval with
/// n − 1 degrees of freedom (infinite for n = 1), wins / ties / losses (a tie: equal to 1e-9).
/// </summary>
public sealed record PairedT(double Mean, double HalfWidth, int Wins, int Ties, int Losses, int N)
{
    /// <summary>What every comparison table says its interval is.</summary>
    public const string Legend = "AutoLR − method per seed (same split, initial weights, data order and flips); mean and 95 % Student-t interval (n − 1 degrees of freedom)";

    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    public static PairedT Of(IReadOnlyList<double> differences)
    {
        var n = differences.Count;
        var mean = differences.Average();
        var t = n - 1 <= T975.Length ? (n < 2 ? double.PositiveInfinity : T975[n - 2]) : 1.96;
        var half = n < 2 ? double.PositiveInfinity : t * Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (n - 1) / n);
        return new PairedT(mean, half, differences.Count(d => d > 1e-9), differences.Count(d => Math.Abs(d) <= 1e-9), differences.Count(d => d < -1e-9), n);
    }
}
