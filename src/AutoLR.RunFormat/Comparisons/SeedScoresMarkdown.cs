using System.Text;
using AutoLR.RunFormat.Statistics;
using static AutoLR.RunFormat.Comparisons.ComparisonText;

namespace AutoLR.RunFormat.Comparisons;

/// <summary>
/// Test R@1 of every method on every seed, collapsed seeds marked (<see cref="CollapseRule"/>), and per method its
/// collapses as an endpoint of their own: how many seeds collapsed, and the median, IQM and mean ± sd of its seeds.
/// </summary>
public static class SeedScoresMarkdown
{
    /// <param name="methods">Each method's test R@1 by seed, in the order of the table's columns.</param>
    /// <param name="rule">What counts as a collapse.</param>
    /// <param name="depths">The pruning depth each seed's methods trained at, where known (a column of its own).</param>
    public static string Render(IReadOnlyList<MethodScores> methods, CollapseRule rule, IReadOnlyDictionary<int, int>? depths = null)
    {
        var collapsed = methods.ToDictionary(m => m.Method, m => rule.Collapsed(m.RecallAt1BySeed).ToHashSet());
        var seeds = methods.SelectMany(m => m.RecallAt1BySeed.Keys).Distinct().Order().ToList();
        var text = new StringBuilder();
        text.AppendLine($"| seed |{(depths is null ? "" : " depth |")} {string.Join(" | ", methods.Select(m => m.Method))} |");
        text.AppendLine($"| ---: |{(depths is null ? "" : " ---: |")}{string.Concat(methods.Select(_ => " ---: |"))}");
        foreach (var seed in seeds)
        {
            var depth = depths is null ? "" : $" {(depths.TryGetValue(seed, out var d) ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "–")} |";
            text.AppendLine($"| {seed} |{depth} " + string.Join(" | ", methods.Select(m =>
                !m.RecallAt1BySeed.TryGetValue(seed, out var r) ? "–" : collapsed[m.Method].Contains(seed) ? $"{Percent(r)} (collapsed)" : Percent(r))) + " |");
        }
        text.AppendLine();
        text.AppendLine("| method | collapsed seeds | median | IQM | mean ± sd (n) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var m in methods)
        {
            var values = m.RecallAt1BySeed.Values.ToList();
            var mine = collapsed[m.Method].Order().ToList();
            var sd = values.Count < 2 ? "–" : Percent(Sample.StandardDeviation(values));
            text.AppendLine($"| {m.Method} | {mine.Count} of {values.Count}{(mine.Count == 0 ? "" : $" ({string.Join(", ", mine.Select(s => $"seed {s}"))})")} | " +
                            $"{Percent(Sample.Median(values))} | {Percent(Sample.InterquartileMean(values))} | {Percent(Sample.Mean(values))} ± {sd} ({values.Count}) |");
        }
        text.AppendLine();
        text.AppendLine($"Test R@1 in percent. A collapse is counted as its own endpoint: {rule.Definition}.");
        return text.ToString();
    }
}
