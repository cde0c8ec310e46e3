using System.Globalization;
using System.Text;
using AutoLR.Experiments.Stages;

namespace AutoLR.Experiments.Comparison;

/// <summary>One method's line of the comparison: its grid, chosen points, cost and test R@1 per seed.</summary>
public sealed record MethodSummary(string Schedule, string Grid, IReadOnlyList<string> ChosenPoints, double EpochsExecuted, double Seconds,
    IReadOnlyList<double> TestRecallAt1);

/// <summary>
/// The comparison table of issue 11 §2 and §4: per method its grid, the chosen point per seed, the epochs executed
/// (tuning included; AutoLR's trials each count as an epoch, a probe as its share of one) and seconds, test R@1 as mean ± sd over n seeds, AutoLR's
/// paired difference against it (mean and 95 % t-interval, wins / ties / losses) and its cost ÷ single LR's.
/// </summary>
public static class ComparisonReport
{
    public static IReadOnlyList<MethodSummary> Summaries(JobLedger ledger, IReadOnlyList<string> schedules, IReadOnlyList<int> seeds,
        double baseLr, Func<int, string, string> chosen) =>
        schedules.Select(schedule =>
        {
            bool Mine(string label) => seeds.Any(s => label.StartsWith($"seed{s}/{schedule}/", StringComparison.Ordinal));
            var epochs = ledger.Epochs.Where(e => Mine(e.Stage)).ToList();
            return new MethodSummary(schedule, ComparisonGrid.Describe(schedule, baseLr),
                seeds.Select(s => chosen(s, schedule)).ToList(), epochs.Sum(e => e.Compute), epochs.Sum(e => e.Seconds),
                seeds.Select(s => ledger.Done.Single(r => r.Label == ComparisonPlan.FinalLabel(s, schedule)).Test[1]).ToList());
        }).ToList();

    public static string Markdown(IReadOnlyList<MethodSummary> methods)
    {
        var autoLr = methods.FirstOrDefault(m => m.Schedule == "autolr");
        var single = methods.FirstOrDefault(m => m.Schedule == "single");
        var text = new StringBuilder();
        text.AppendLine("| method | grid | chosen point per seed | epochs executed | seconds | test R@1 (mean ± sd, n) | AutoLR − method: mean [95 % t-CI] | W/T/L | cost ÷ single (epochs, seconds) |");
        text.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in methods)
        {
            var diff = autoLr is null || m == autoLr ? null : PairedDifference.Of(autoLr.TestRecallAt1, m.TestRecallAt1);
            text.AppendLine($"| {m.Schedule} | {m.Grid} | {string.Join("; ", m.ChosenPoints)} | {F(m.EpochsExecuted, "0.##")} | {F(m.Seconds, "F0")} | " +
                            $"{Percent(Mean(m.TestRecallAt1))} ± {Percent(Sd(m.TestRecallAt1))} (n = {m.TestRecallAt1.Count}) | " +
                            (diff is null ? "– | – | " : $"{Points(diff.Mean)} {Interval(diff)} | {diff.Wins}/{diff.Ties}/{diff.Losses} | ") +
                            (single is null ? "– |" : $"{F(m.EpochsExecuted / single.EpochsExecuted, "F2")}, {F(m.Seconds / single.Seconds, "F2")} |"));
        }
        text.AppendLine().AppendLine("Differences are in R@1 points; the interval is Student's t with n − 1 degrees of freedom over the seeds' paired " +
                                     "differences (each seed: same split, initial weights, data order and flips for every method). Every grid point is " +
                                     "scored on the class-disjoint validation split carved from the training classes; only the chosen point is scored on test.");
        return text.ToString();
    }

    private static double Mean(IReadOnlyList<double> x) => x.Average();

    private static double Sd(IReadOnlyList<double> x) =>
        x.Count < 2 ? 0 : Math.Sqrt(x.Sum(v => (v - Mean(x)) * (v - Mean(x))) / (x.Count - 1));

    private static string Percent(double x) => (100 * x).ToString("F2", CultureInfo.InvariantCulture);

    private static string Points(double x) => (100 * x).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    /// <summary>"[lo, hi]", or why there is none (one seed has no spread to estimate).</summary>
    private static string Interval(PairedDifference d) =>
        double.IsFinite(d.HalfWidth) ? $"[{Points(d.Mean - d.HalfWidth)}, {Points(d.Mean + d.HalfWidth)}]" : "(no interval: one seed)";

    private static string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
}
