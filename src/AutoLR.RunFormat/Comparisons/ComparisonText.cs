using System.Globalization;
using AutoLR.RunFormat.Statistics;

namespace AutoLR.RunFormat.Comparisons;

/// <summary>How the comparison's tables write numbers: R@1 in percent, differences in points, p-values, intervals.</summary>
public static class ComparisonText
{
    /// <summary>A fraction as percent with two decimals, e.g. 0.8125 → "81.25".</summary>
    public static string Percent(double x) => (100 * x).ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>A difference of fractions in R@1 points with its sign, e.g. −0.0424 → "-4.24".</summary>
    public static string Points(double x) => (100 * x).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    /// <summary>"[lo, hi]" in points.</summary>
    public static string Interval(double lower, double upper) => $"[{Points(lower)}, {Points(upper)}]";

    /// <summary>"[lo, hi]" of a t-interval, or why there is none (one seed has no spread to estimate).</summary>
    public static string Interval(StudentInterval interval) =>
        double.IsFinite(interval.HalfWidth) ? Interval(interval.Lower, interval.Upper) : "(no interval: one seed)";

    /// <summary>A p-value with three decimals, "&lt; 0.001" below that.</summary>
    public static string P(double p) => p < 0.001 ? "< 0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A probability with two decimals.</summary>
    public static string Probability(double p) => p.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Number(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
}
