using System.Text;
using AutoLR.RunFormat.Statistics;
using static AutoLR.RunFormat.Comparisons.ComparisonText;

namespace AutoLR.RunFormat.Comparisons;

/// <summary>
/// The paired comparison of one reference method against every other, as report.md and the paper-figures
/// `comparison` artifact both print it (<see cref="PairedStatistics"/>, one implementation): per method the
/// differences per seed, their mean with the Student-t and the paired-bootstrap interval, the interquartile mean, the
/// mean without collapsed seeds; then wins/ties/losses, the sign and Wilcoxon signed-rank p-values, P(reference >
/// method) with its interval, the sd of the difference and the seeds a ±1- and ±2-point interval would need; then the
/// power line in words; and a legend that says what each number is.
/// </summary>
public static class PairedStatisticsMarkdown
{
    public static string Render(MethodScores reference, IReadOnlyList<MethodScores> methods, CollapseRule rule)
    {
        var referenceCollapsed = rule.Collapsed(reference.RecallAt1BySeed);
        var rows = methods
            .Where(m => m.Method != reference.Method && m.RecallAt1BySeed.Keys.Any(reference.RecallAt1BySeed.ContainsKey))
            .Select(m => (Method: m.Method, Stats: PairedStatistics.Of(reference.RecallAt1BySeed, m.RecallAt1BySeed),
                Collapsed: referenceCollapsed.Union(rule.Collapsed(m.RecallAt1BySeed)).ToHashSet()))
            .ToList();
        var name = reference.Method;
        if (rows.Count == 0) return $"No other method shares a seed with {name}.\n";

        var text = new StringBuilder();
        text.AppendLine($"| {name} − method | n | per seed (points) | mean [95 % t-interval] | 95 % bootstrap interval | IQM | without collapsed seeds: mean [95 % t] (n) |");
        text.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
        foreach (var (method, stats, collapsed) in rows)
        {
            var d = stats.Differences;
            text.AppendLine($"| {method} | {d.N} | {string.Join("; ", d.Seeds.Select((s, i) => $"{s}: {Points(d.Values[i])}"))} | " +
                            $"{Points(stats.Mean.Mean)} {Interval(stats.Mean)} | {Interval(stats.BootstrapInterval.Lower, stats.BootstrapInterval.Upper)} | " +
                            $"{Points(stats.InterquartileMean)} | {WithoutCollapses(d, collapsed)} |");
        }
        text.AppendLine();
        text.AppendLine($"| {name} − method | W/T/L | sign test p | Wilcoxon p | P({name} > method) [95 %] | sd of the difference (points) | seeds for ±1 / ±2 points |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (method, stats, _) in rows)
        {
            var d = stats.Differences;
            var improvement = stats.ProbabilityOfImprovement;
            text.AppendLine($"| {method} | {d.Wins}/{d.Ties}/{d.Losses} | {P(stats.SignTestP)} | {P(stats.Wilcoxon.P)}{(stats.Wilcoxon.Exact ? "" : " (normal approx.)")} | " +
                            $"{Probability(improvement.Estimate)} [{Probability(improvement.Lower)}, {Probability(improvement.Upper)}] | " +
                            $"{(double.IsFinite(stats.StandardDeviation) ? Number(100 * stats.StandardDeviation, "F2") : "–")} | " +
                            $"{Seeds(stats.SeedsForOnePoint, stats.StandardDeviation)} / {Seeds(stats.SeedsForTwoPoints, stats.StandardDeviation)} |");
        }
        text.AppendLine();
        foreach (var (method, stats, _) in rows) text.Append("- ").AppendLine(PowerLine(name, method, stats));
        text.AppendLine();
        text.AppendLine(Legend(name, rule));
        return text.ToString();
    }

    /// <summary>
    /// The power line of one pair: the half-width measured and, from the measured sd, how many seeds a ±1- and a
    /// ±2-point interval would need.
    /// </summary>
    public static string PowerLine(string reference, string method, PairedStatistics stats)
    {
        var n = stats.Differences.N;
        if (!double.IsFinite(stats.Mean.HalfWidth))
            return $"{reference} − {method}: one seed, so no spread to measure and no interval; run at least two seeds.";
        var halfWidth = Number(100 * stats.Mean.HalfWidth, "F2");
        var need = $"a ±1-point interval needs {Seeds(stats.SeedsForOnePoint, stats.StandardDeviation)} seeds and ±2 points {Seeds(stats.SeedsForTwoPoints, stats.StandardDeviation)} at that sd";
        return stats.Mean.HalfWidth <= 0.01
            ? $"{reference} − {method}: ±{halfWidth} points at n = {n}, within ±1 point ({need})."
            : $"{reference} − {method}: ±{halfWidth} points at n = {n} (sd {Number(100 * stats.StandardDeviation, "F2")}); {need}.";
    }

    /// <summary>What the two tables' columns are, and what a collapse is.</summary>
    public static string Legend(string reference, CollapseRule rule) =>
        $"Differences are {reference} − method in test R@1 points, one per seed: seed s gives every method the same split, initial " +
        "weights, data order and flips, so each seed is one paired observation. The t-interval is Student's with n − 1 degrees of " +
        "freedom; the bootstrap interval is the percentile interval of the mean over " +
        $"{Bootstrap.Resamples:N0} resamples of the seeds (seed {Bootstrap.Seed}, reproducible). IQM: the interquartile mean of the differences " +
        "(a quarter of the seeds cut from each end). The sign test (exact binomial) and the Wilcoxon signed-rank test " +
        $"(exact up to {WilcoxonSignedRank.ExactUpTo} seeds) drop ties and are two-sided. P({reference} > method): the chance that a run of " +
        $"{reference} scores above a run of the method, over all pairs of their seeds with ties counting half (rliable's probability of " +
        "improvement), with its bootstrap interval resampling each method on its own. Seeds for ±1 / ±2 points: the smallest n whose " +
        "95 % t-interval would be that narrow at the measured sd of the difference (\"> 100000\": more than any run will have). " +
        $"Collapses: {rule.Definition}; \"without collapsed seeds\" leaves out every seed where either method collapsed.";

    private static string WithoutCollapses(PairedDifferences differences, IReadOnlySet<int> collapsed)
    {
        if (!differences.Seeds.Any(collapsed.Contains)) return "no collapse";
        var kept = Enumerable.Range(0, differences.N).Where(i => !collapsed.Contains(differences.Seeds[i])).ToList();
        if (kept.Count == 0) return "every seed collapsed";
        var interval = StudentInterval.Of(kept.Select(i => differences.Values[i]).ToList(), PairedStatistics.Level);
        return $"{Points(interval.Mean)} {Interval(interval)} ({kept.Count})";
    }

    /// <summary>The seeds needed; "–" without a measured sd (one seed), "> 100000" beyond what any run will have.</summary>
    private static string Seeds(int? seeds, double sd) =>
        seeds is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : double.IsFinite(sd) ? $"> {SeedsForHalfWidth.Most}" : "–";
}
