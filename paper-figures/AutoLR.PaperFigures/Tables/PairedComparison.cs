using System.Globalization;
using AutoLR.PaperFigures.Figures;
using AutoLR.PaperFigures.Runs;
using AutoLR.PaperFigures.Statistics;
using ScottPlot;

namespace AutoLR.PaperFigures.Tables;

/// <summary>
/// Issue 11 §4: the final stages of `autolr compare` (results.json with command "compare": each method's chosen
/// grid point, trained on the whole training split and scored once on test), paired by seed against AutoLR. Writes
/// comparison.md (per method n, test R@1 mean ± sd, AutoLR − method with its 95 % t-interval, W/T/L) and
/// comparison.png (the difference and its interval per method). Give it the final folders, e.g.
/// `RUN_DIR/seed*/*/final`.
/// </summary>
public sealed class PairedComparison : IArtifact
{
    public const string CompareCommand = "compare";

    public string Name => "comparison";

    public string Description => "autolr compare: test R@1 per method and AutoLR's paired difference with its 95 % t-interval";

    public ArtifactOutcome Render(IReadOnlyList<RunDirectory> runs, string outputFolder, RenderOptions options)
    {
        var finals = runs.Where(r => r.Results?.Command == CompareCommand).Select(r => r.Results!).ToList();
        var autoLr = finals.Where(r => r.Schedule == Schedules.AutoLr).ToDictionary(r => r.Seed, r => r.RecallAtK[1]);
        if (autoLr.Count == 0)
            return ArtifactOutcome.Skip("no final stage of autolr compare for autolr was given (pass RUN_DIR/seed*/*/final of a compare run)");

        var rows = finals.GroupBy(r => r.Schedule).OrderBy(g => Schedules.Rank(g.Key)).Select(g =>
        {
            var paired = g.Where(r => autoLr.ContainsKey(r.Seed)).OrderBy(r => r.Seed).ToList();
            var diff = g.Key == Schedules.AutoLr || paired.Count == 0 ? null : PairedT.Of(paired.Select(r => autoLr[r.Seed] - r.RecallAtK[1]).ToList());
            return (Schedule: g.Key, Recall: Spread.Of(g.Select(r => r.RecallAtK[1])), Diff: diff);
        }).ToList();

        var table = new MarkdownTable("autolr compare: test R@1, tuned on validation; " + PairedT.Legend,
            ("method", false), ("n", true), ("test R@1 (%)", true), ("AutoLR − method (points)", true), ("95 % t-interval", true), ("W/T/L", true));
        foreach (var row in rows)
            table.AddRow(row.Schedule, row.Recall.N.ToString(CultureInfo.InvariantCulture), row.Recall.Percent(),
                row.Diff is null ? "—" : Points(row.Diff.Mean),
                row.Diff is null ? "—" : $"[{Points(row.Diff.Mean - row.Diff.HalfWidth)}, {Points(row.Diff.Mean + row.Diff.HalfWidth)}]",
                row.Diff is null ? "—" : $"{row.Diff.Wins}/{row.Diff.Ties}/{row.Diff.Losses}");

        var compared = rows.Where(r => r.Diff is not null && double.IsFinite(r.Diff.HalfWidth)).ToList();
        var plot = FigureStyle.NewPlot("AutoLR − method, test R@1 (points), mean and 95 % t-interval over seeds", "method", "difference (points)");
        var xs = Enumerable.Range(0, compared.Count).Select(i => (double)i).ToArray();
        plot.Add.ErrorBar(xs, compared.Select(r => 100 * r.Diff!.Mean).ToArray(), compared.Select(r => 100 * r.Diff!.HalfWidth).ToArray());
        plot.Add.Markers(xs, compared.Select(r => 100 * r.Diff!.Mean).ToArray());
        plot.Add.HorizontalLine(0);
        plot.Axes.Bottom.SetTicks(xs, compared.Select(r => r.Schedule).ToArray());
        return ArtifactOutcome.Wrote(Artifacts.WriteText(outputFolder, "comparison.md", table.Render()),
            FigureStyle.Save(plot, outputFolder, "comparison.png"));
    }

    private static string Points(double x) => (100 * x).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
}
