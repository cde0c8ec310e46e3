namespace AutoLR.Bench;

/// <summary>How the benchmarks summarise repeated timings: the median, robust to the shared machine's outliers.</summary>
internal static class Summary
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
