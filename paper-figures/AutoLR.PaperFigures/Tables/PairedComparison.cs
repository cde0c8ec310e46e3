using System.Globalization;
using AutoLR.Algorithms;
using AutoLR.PaperFigures.Figures;
using AutoLR.PaperFigures.Statistics;
using AutoLR.RunFormat.Comparisons;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Runs;
using AutoLR.RunFormat.Statistics;

namespace AutoLR.PaperFigures.Tables;

/// <summary>
/// The paired comparison: the final stages of `autolr compare` (results.json with command "compare": each method's chosen
/// grid point, trained on the whole training split and scored once on test), paired by seed against AutoLR
/// (<see cref="PairedStatistics"/>). Writes comparison.md (per method n, test R@1 mean ± sd,
/// AutoLR − method with its 95 % t-interval, W/T/L; then test R@1 per seed with collapses counted, and the paired
/// statistics report.md of `compare` has: bootstrap interval, IQM, sign and Wilcoxon tests, P(A > B), seeds needed) and
/// comparison.png (the difference and its interval per method). Give it the final folders, e.g.
/// `RUN_DIR/seed*/*/final`; finals of several compare runs with the same seeds pair too (e.g. a second run of AutoLR
/// with probes: it becomes a method of its own and gets its own table of differences).
/// </summary>
public sealed class PairedComparison : IArtifact
{
    public string Name => "comparison";

    public string Description => "autolr compare: test R@1 per method and seed, AutoLR's paired differences with t and bootstrap intervals, tests, P(A > B), collapses, seeds needed";

    public ArtifactOutcome Render(IReadOnlyList<RunDirectory> runs, string outputFolder, RenderOptions options)
    {
        var finals = runs.Where(r => r.Results?.Command == RunCommands.Compare).Select(r => r.Results!).ToList();
        var methods = finals.GroupBy(Method).OrderBy(g => ScheduleOrder.Rank(g.First().Schedule)).ThenBy(g => g.Key).ToList();
        // AutoLR as the paper runs it (full-epoch trials) is the reference; each AutoLR with probes gets a table too.
        var references = methods.Where(m => m.First().Schedule == ScheduleCatalog.AutoLrName).OrderBy(m => m.Key != ScheduleCatalog.AutoLrName).ToList();
        if (references.Count == 0)
            return ArtifactOutcome.Skip("no final stage of autolr compare for autolr was given (pass RUN_DIR/seed*/*/final of a compare run)");

        var text = new System.Text.StringBuilder();
        List<(string Method, StudentInterval Diff)>? plotted = null;
        foreach (var reference in references)
        {
            var byseed = reference.ToDictionary(r => r.Seed, r => r.RecallAtK[1]);
            var rows = methods.Select(g =>
            {
                var paired = g.Where(r => byseed.ContainsKey(r.Seed)).OrderBy(r => r.Seed).ToList();
                var diff = g.Key == reference.Key || paired.Count == 0
                    ? null
                    : PairedStatistics.Of(PairedDifferences.Of(paired.Select(r => r.Seed).ToList(), paired.Select(r => byseed[r.Seed]).ToList(),
                        paired.Select(r => r.RecallAtK[1]).ToList()));
                return (Method: g.Key, Recall: Spread.Of(g.Select(r => r.RecallAtK[1])), Diff: diff);
            }).ToList();
            var table = new MarkdownTable($"autolr compare: test R@1, tuned on validation; {reference.Key} − method. " + Legend,
                ("method", false), ("n", true), ("test R@1 (%)", true), ($"{reference.Key} − method (points)", true), ("95 % t-interval", true), ("W/T/L", true));
            foreach (var row in rows)
                table.AddRow(row.Method, row.Recall.N.ToString(CultureInfo.InvariantCulture), row.Recall.Percent(),
                    row.Diff is null ? "—" : Points(row.Diff.Mean.Mean),
                    row.Diff is null ? "—" : $"[{Points(row.Diff.Mean.Lower)}, {Points(row.Diff.Mean.Upper)}]",
                    row.Diff is null ? "—" : $"{row.Diff.Differences.Wins}/{row.Diff.Differences.Ties}/{row.Diff.Differences.Losses}");
            if (text.Length > 0) text.AppendLine();
            text.Append(table.Render());
            plotted ??= rows.Where(r => r.Diff is not null && double.IsFinite(r.Diff.Mean.HalfWidth)).Select(r => (r.Method, r.Diff!.Mean)).ToList();
        }

        // The statistics that hold with few seeds (the one module report.md uses too): per seed with collapses counted,
        // then every reference against every method.
        var scores = methods.Select(g => new MethodScores(g.Key, g.ToDictionary(r => r.Seed, r => r.RecallAtK[1]))).ToList();
        text.AppendLine().AppendLine("## Test R@1 per seed, and collapses").AppendLine().Append(SeedScoresMarkdown.Render(scores, CollapseRule.Default));
        foreach (var reference in references)
            text.AppendLine().AppendLine($"## Paired statistics: {reference.Key} − method").AppendLine()
                .Append(PairedStatisticsMarkdown.Render(scores.Single(s => s.Method == reference.Key), scores, CollapseRule.Default));

        var compared = plotted!;
        var plot = FigureStyle.NewPlot($"{references[0].Key} − method, test R@1 (points), mean and 95 % t-interval over seeds", "method", "difference (points)");
        var xs = Enumerable.Range(0, compared.Count).Select(i => (double)i).ToArray();
        plot.Add.ErrorBar(xs, compared.Select(r => 100 * r.Diff.Mean).ToArray(), compared.Select(r => 100 * r.Diff.HalfWidth).ToArray());
        plot.Add.Markers(xs, compared.Select(r => 100 * r.Diff.Mean).ToArray());
        plot.Add.HorizontalLine(0);
        plot.Axes.Bottom.SetTicks(xs, compared.Select(r => r.Method).ToArray());
        return ArtifactOutcome.Wrote(Artifacts.WriteText(outputFolder, "comparison.md", text.ToString()),
            FigureStyle.Save(plot, outputFolder, "comparison.png"));
    }

    /// <summary>
    /// The method a final stage belongs to: its schedule, and for AutoLR the variant — every rule setting not at the
    /// paper's choice (the variation's normalisation, the catalogue rules) and a probe fraction below 1 — so that
    /// e.g. "autolr (relative)" and "autolr (f = 0.1)" pair against the paper's AutoLR as methods of their own.
    /// </summary>
    public static string Method(RunResults results)
    {
        if (results.Schedule != ScheduleCatalog.AutoLrName) return results.Schedule;
        var recorded = results.Settings.Json();
        var variant = new[] { ControllerSettings.normalisation }.Concat(ControllerSettings.ruleChoices)
            .Select(setting => recorded[setting.Name] is { } value && value.GetValue<string>() != setting.Default ? value.GetValue<string>() : null)
            .OfType<string>().ToList();
        if (results.Settings.Number(ControllerSettings.probeFraction.Name) is { } f && f < 1)
            variant.Add($"f = {f.ToString(CultureInfo.InvariantCulture)}");
        return variant.Count == 0 ? results.Schedule : $"{results.Schedule} ({string.Join(", ", variant)})";
    }

    /// <summary>What every comparison table says its interval is.</summary>
    public const string Legend = "AutoLR − method per seed (same split, initial weights, data order and flips); mean and 95 % Student-t interval (n − 1 degrees of freedom)";

    private static string Points(double x) => (100 * x).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
}
