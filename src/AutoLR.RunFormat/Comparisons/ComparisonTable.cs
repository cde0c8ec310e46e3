using System.Text;
using AutoLR.Algorithms;
using AutoLR.RunFormat.Statistics;
using static AutoLR.RunFormat.Comparisons.ComparisonText;

namespace AutoLR.RunFormat.Comparisons;

/// <summary>
/// The methods table of `compare`'s report.md: per method its grid, the chosen point per seed, epochs executed and
/// seconds (tuning included), test R@1 as mean ± sd over n seeds and its cost ÷ single LR's. The paired statistics
/// follow it (<see cref="PairedStatisticsMarkdown"/>).
/// </summary>
public static class ComparisonTable
{
    public static string Markdown(IReadOnlyList<MethodSummary> methods)
    {
        var single = methods.FirstOrDefault(m => m.Schedule == ScheduleCatalog.name(ScheduleCatalog.single));
        var text = new StringBuilder();
        text.AppendLine("| method | grid | chosen point per seed | epochs executed | seconds | test R@1 (mean ± sd, n) | cost ÷ single (epochs, seconds) |");
        text.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var m in methods)
            text.AppendLine($"| {m.Schedule} | {m.Grid} | {string.Join("; ", m.ChosenPoints)} | {Number(m.EpochsExecuted, "0.##")} | {Number(m.Seconds, "F0")} | " +
                            $"{Percent(Sample.Mean(m.TestRecallAt1))} ± {Percent(m.TestRecallAt1.Count < 2 ? 0 : Sample.StandardDeviation(m.TestRecallAt1))} (n = {m.TestRecallAt1.Count}) | " +
                            (single is null ? "– |" : $"{Number(m.EpochsExecuted / single.EpochsExecuted, "F2")}, {Number(m.Seconds / single.Seconds, "F2")} |"));
        text.AppendLine().AppendLine("Every grid point is scored on the seed's class-disjoint validation split carved from the training classes; only the " +
                                     "chosen point is trained on the whole training split and scored once on the test split (a grid of one point is " +
                                     "not tuned: that point is trained and scored). Epochs executed and " +
                                     "seconds count every stage (tuning included; each AutoLR trial counts as the share of an epoch it trained).");
        return text.ToString();
    }

    /// <summary>Each method's test R@1 by seed, for the statistics.</summary>
    public static IReadOnlyList<MethodScores> Scores(IReadOnlyList<MethodSummary> methods) =>
        methods.Select(m => new MethodScores(m.Schedule, m.Seeds.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => m.TestRecallAt1[p.i]))).ToList();
}
