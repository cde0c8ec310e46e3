using System.Globalization;

namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// When a run counts as collapsed, as data: its test R@1 is more than <paramref name="MarginPoints"/> points below
/// the median of its method's runs over seeds. A collapse (a 15–20-point outlier in an otherwise tight method) is
/// reported as its own endpoint, a count per method, next to the statistics it would otherwise dominate.
/// </summary>
public sealed record CollapseRule(double MarginPoints)
{
    /// <summary>Ten points: well outside the seed-to-seed spread of a method that trains normally (about 1 point).</summary>
    public static readonly CollapseRule Default = new(10);

    /// <summary>The definition as a report states it.</summary>
    public string Definition =>
        $"a seed collapsed when its test R@1 is more than {MarginPoints.ToString("0.##", CultureInfo.InvariantCulture)} points below the median of its method's seeds";

    /// <summary>The seeds of one method whose R@1 (a fraction in [0, 1], by seed) collapsed, in seed order.</summary>
    public IReadOnlyList<int> Collapsed(IReadOnlyDictionary<int, double> recallBySeed)
    {
        if (recallBySeed.Count == 0) return [];
        var median = Sample.Median(recallBySeed.Values.ToList());
        // "More than" the margin by more than rounding: 0.91 − 0.81 is 0.10000000000000009 in doubles, exactly 10 points in R@1.
        return recallBySeed.Where(s => median - s.Value > MarginPoints / 100 + PairedDifferences.TieTolerance).Select(s => s.Key).Order().ToList();
    }
}
