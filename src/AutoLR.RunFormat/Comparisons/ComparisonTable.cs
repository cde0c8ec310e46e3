using System.Globalization;
using System.Text;
using AutoLR.Algorithms;
using AutoLR.RunFormat.Statistics;

namespace AutoLR.RunFormat.Comparisons;

/// <summary>
/// The comparison table of `compare`'s report.md: per method its grid, the chosen point per seed, epochs executed
/// and seconds, test R@1 as mean ± sd over n seeds, AutoLR's paired difference against it (mean and 95 % t-interval,
/// wins / ties / losses; <see cref="PairedStatistics"/>) and its cost ÷ single LR's.
/// </summary>
public static class ComparisonTable
{
    public static string Markdown(IReadOnlyList<MethodSummary> methods)
    {
        var autoLr = methods.FirstOrDefault(m => m.Schedule == ScheduleCatalog.AutoLrName);
        var single = methods.FirstOrDefault(m => m.Schedule == ScheduleCatalog.name(ScheduleCatalog.single));
        var text = new StringBuilder();
        text.AppendLine("| method | grid | chosen point per seed | epochs executed | seconds | test R@1 (mean ± sd, n) | AutoLR − method: mean [95 % t-CI] | W/T/L | cost ÷ single (epochs, seconds) |");
        text.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in methods)
        {
            var diff = autoLr is null || m == autoLr
                ? null
                : PairedStatistics.Of(PairedDifferences.Of(autoLr.Seeds, autoLr.TestRecallAt1, m.TestRecallAt1));
            text.AppendLine($"| {m.Schedule} | {m.Grid} | {string.Join("; ", m.ChosenPoints)} | {F(m.EpochsExecuted, "0.##")} | {F(m.Seconds, "F0")} | " +
                            $"{Percent(Sample.Mean(m.TestRecallAt1))} ± {Percent(m.TestRecallAt1.Count < 2 ? 0 : Sample.StandardDeviation(m.TestRecallAt1))} (n = {m.TestRecallAt1.Count}) | " +
                            (diff is null ? "– | – | " : $"{Points(diff.Mean.Mean)} {Interval(diff.Mean)} | {diff.Differences.Wins}/{diff.Differences.Ties}/{diff.Differences.Losses} | ") +
                            (single is null ? "– |" : $"{F(m.EpochsExecuted / single.EpochsExecuted, "F2")}, {F(m.Seconds / single.Seconds, "F2")} |"));
        }
        text.AppendLine().AppendLine("Differences are in R@1 points; the interval is Student's t with n − 1 degrees of freedom over the seeds' paired " +
                                     "differences (each seed: same split, initial weights, data order and flips for every method). Every grid point is " +
                                     "scored on the class-disjoint validation split carved from the training classes; only the chosen point is scored on test.");
        return text.ToString();
    }

    private static string Percent(double x) => (100 * x).ToString("F2", CultureInfo.InvariantCulture);

    private static string Points(double x) => (100 * x).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    /// <summary>"[lo, hi]", or why there is none (one seed has no spread to estimate).</summary>
    private static string Interval(StudentInterval d) =>
        double.IsFinite(d.HalfWidth) ? $"[{Points(d.Lower)}, {Points(d.Upper)}]" : "(no interval: one seed)";

    private static string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
}
