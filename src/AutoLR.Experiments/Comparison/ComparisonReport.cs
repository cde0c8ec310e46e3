using System.Globalization;
using AutoLR.Algorithms;
using AutoLR.RunFormat.Comparisons;
using AutoLR.RunFormat.Reports;
using AutoLR.RunFormat.Statistics;

namespace AutoLR.Experiments.Comparison;

/// <summary>
/// report.md of a comparison, from its cells' cell.json alone (so `compare` at its end and `compare-collect` at any
/// time write the same report): which pruning depth each seed used and why, each method's grid, chosen points, cost
/// and test R@1 (<see cref="ComparisonTable"/>), test R@1 per seed with collapses counted
/// (<see cref="SeedScoresMarkdown"/>), and the paired statistics of AutoLR and of single LR against every other method
/// (<see cref="PairedStatisticsMarkdown"/>). Cells not finished yet are named, and the statistics use the seeds whose
/// method cells have finished.
/// </summary>
public static class ComparisonReport
{
    public static RunReport Build(ComparisonFolder folder, double baseLr, IReadOnlyList<double> lrFactors)
    {
        var finished = folder.Cells.Where(folder.IsFinished).ToDictionary(c => c, folder.Record);
        var searches = finished.Where(c => c.Key.IsSearch).Select(c => c.Value).ToList();
        var methods = folder.Manifest.Schedules.Select(schedule =>
        {
            var cells = finished.Where(c => c.Key.Schedule == schedule).OrderBy(c => c.Key.Seed).Select(c => c.Value).ToList();
            return new MethodSummary(schedule, ComparisonGrid.Describe(schedule, baseLr, lrFactors), [.. cells.Select(c => c.Seed)],
                [.. cells.Select(c => c.ChosenPoint!)], cells.Sum(c => c.Stages.Sum(s => s.EpochsExecuted)), cells.Sum(c => c.Stages.Sum(s => s.Seconds)),
                [.. cells.Select(c => c.TestRecallAtK![1])]);
        }).Where(m => m.Seeds.Count > 0).ToList();
        var depths = finished.Where(c => !c.Key.IsSearch).GroupBy(c => c.Key.Seed).ToDictionary(g => g.Key, g => g.First().Value.Depth);
        var scores = ComparisonTable.Scores(methods);
        var rule = CollapseRule.Default;

        var sections = new List<KeyValuePair<string, string>>
        {
            new("Pruning depth per seed", folder.FixedDepth is { } fixedDepth ? DepthChoiceMarkdown.Fixed(fixedDepth) : DepthChoiceMarkdown.Render(searches)),
        };
        if (methods.Count > 0)
        {
            sections.Add(new("Methods (test R@1, tuned on validation)", ComparisonTable.Markdown(methods)));
            sections.Add(new("Test R@1 per seed, and collapses", SeedScoresMarkdown.Render(scores, rule, depths)));
            // AutoLR against every method; then single LR against the other baselines (AutoLR against it is above).
            var autoLr = scores.FirstOrDefault(s => s.Method == ScheduleCatalog.AutoLrName);
            if (autoLr is not null && scores.Count > 1)
                sections.Add(new($"Paired statistics: {autoLr.Method} − method", PairedStatisticsMarkdown.Render(autoLr, scores, rule)));
            var single = scores.FirstOrDefault(s => s.Method == ScheduleCatalog.name(ScheduleCatalog.single));
            var baselines = scores.Where(s => s != autoLr).ToList();
            if (single is not null && baselines.Count > 1)
                sections.Add(new($"Paired statistics: {single.Method} − method", PairedStatisticsMarkdown.Render(single, baselines, rule)));
        }

        var threads = finished.Values.Select(c => c.Threads).Distinct().Order().ToList();
        var facts = new List<KeyValuePair<string, string>>
        {
            new("methods", string.Join(", ", folder.Manifest.Schedules)),
            new("seeds", string.Join(", ", folder.Manifest.Seeds)),
            new("pruning depth", folder.FixedDepth is { } d
                ? $"{d} for every seed (--compare-pruning-depth {d})"
                : "chosen per seed by the pruning search on the seed's validation split, then shared by every method (--compare-pruning-depth auto)"),
            new("cells", $"{finished.Count} of {folder.Cells.Count} finished"),
            new("threads per process", threads.Count == 0 ? "–" : string.Join(", ", threads)),
        };
        if (searches.Count > 0)
            facts.Add(new("pruning search cost", $"{Number(searches.Sum(s => s.Stages.Sum(x => x.EpochsExecuted)))} epochs, " +
                                                 $"{Number(searches.Sum(s => s.Stages.Sum(x => x.Seconds)))} s over {searches.Count} seeds, shared by every method"));
        var notes = folder.Cells.Where(c => !folder.IsFinished(c))
            .Select(c => $"cell {c.Index} ({c.Folder}) has not finished{(folder.Failure(c) is { } f ? $"; it last failed: {f.Message}" : "")}")
            .Concat(finished.SelectMany(c => c.Value.Stages.Where(s => s.Events.Count > 0).Select(s => $"{c.Key.Folder}/{s.Label}: {string.Join(", ", s.Events)}")))
            .ToList();
        return new RunReport("autolr compare", facts, new Dictionary<int, double>(), [], notes, sections);
    }

    /// <summary>The methods table as plain text for the terminal: mean ± sd of test R@1 per method.</summary>
    public static string Summary(ComparisonFolder folder)
    {
        var lines = folder.Manifest.Schedules.Select(schedule =>
        {
            var recall = folder.Cells.Where(c => c.Schedule == schedule && folder.IsFinished(c)).Select(c => folder.Record(c).TestRecallAtK![1]).ToList();
            return recall.Count == 0
                ? $"{schedule,-16} no seed finished"
                : $"{schedule,-16} test R@1 {ComparisonText.Percent(Sample.Mean(recall))} ± {(recall.Count < 2 ? "–" : ComparisonText.Percent(Sample.StandardDeviation(recall)))} (n = {recall.Count})";
        });
        return "Comparison (test R@1 in %, each method tuned on validation):\n" + string.Join("\n", lines);
    }

    private static string Number(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);
}
