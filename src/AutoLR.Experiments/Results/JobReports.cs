using System.Globalization;
using System.Text;
using AutoLR.Algorithms;
using AutoLR.Experiments.Stages;
using AutoLR.Runs;
using AutoLR.RunFormat.Metrics;

namespace AutoLR.Experiments.Results;

/// <summary>A named result row of a comparison: e.g. "pruning + AutoLR" at depth 2 with its test Recall@K.</summary>
public sealed record ComparisonRow(string Name, int Depth, IReadOnlyDictionary<int, double> Recall);

/// <summary>The tables jobs put into report.md and print at the end, built from the ledger's finished stages and epochs.</summary>
public static class JobReports
{
    /// <summary>Plain text for the terminal: one row per method, Recall@1/2/4/8 in percent.</summary>
    public static string ComparisonText(string title, IReadOnlyList<ComparisonRow> rows)
    {
        var ks = rows.SelectMany(r => r.Recall.Keys).Distinct().Order().ToList();
        var width = Math.Max(18, rows.Max(r => r.Name.Length) + 2);
        var text = new StringBuilder().AppendLine(title);
        text.Append("".PadRight(width)).Append("depth".PadLeft(6));
        foreach (var k in ks) text.Append($"R@{k}".PadLeft(9));
        text.AppendLine();
        foreach (var row in rows)
        {
            text.Append(row.Name.PadRight(width)).Append(row.Depth.ToString(CultureInfo.InvariantCulture).PadLeft(6));
            foreach (var k in ks) text.Append(row.Recall.TryGetValue(k, out var r) ? RecallText.Percent(r).PadLeft(9) : "–".PadLeft(9));
            text.AppendLine();
        }
        return text.ToString().TrimEnd();
    }

    public static string ComparisonMarkdown(IReadOnlyList<ComparisonRow> rows)
    {
        var ks = rows.SelectMany(r => r.Recall.Keys).Distinct().Order().ToList();
        var text = new StringBuilder();
        text.AppendLine("| method | pruning depth | " + string.Join(" | ", ks.Select(k => $"R@{k}")) + " |");
        text.AppendLine("| --- | ---: |" + string.Concat(ks.Select(_ => " ---: |")));
        foreach (var row in rows)
            text.AppendLine($"| {row.Name} | {row.Depth} | " + string.Join(" | ", ks.Select(k => row.Recall.TryGetValue(k, out var r) ? RecallText.Percent(r) : "–")) + " |");
        return text.ToString();
    }

    /// <summary>Algorithm 1's scores: each depth tried, its selection Recall@1 and its test Recall@K.</summary>
    public static string PruningMarkdown(IReadOnlyList<StageResult> done, PruningResult search, string selection)
    {
        var text = new StringBuilder();
        text.AppendLine($"Selection split: {selection}. Chosen depth: **{search.BestDepth}** (search stopped: {search.StoppedBecause}).").AppendLine();
        text.AppendLine("| depth | selection R@1 | test Recall@K | events |").AppendLine("| ---: | ---: | --- | --- |");
        var depths = done.Where(r => r.Phase == "prune").ToList();
        foreach (var r in depths)
            text.AppendLine($"| {r.Depth} | {RecallText.Percent(r.Selection![1])} | {RecallText.Of(r.Test)} | {string.Join(", ", r.Events)} |");
        if (SelectionSaturation.IsSaturated(depths)) text.AppendLine().AppendLine(SelectionSaturation.Note(depths));
        return text.ToString();
    }

    /// <summary>
    /// Trials per epoch of one stage (AutoLR's cost: trials, and the epochs' worth of batches they trained, which is
    /// less with probes) with the events of each epoch.
    /// </summary>
    public static string TrialsMarkdown(IEnumerable<EpochRow> epochs)
    {
        var text = new StringBuilder("| epoch | trials | epochs trained | loss | block LRs (kept trial) | events | seconds |\n| ---: | ---: | ---: | ---: | --- | --- | ---: |\n");
        foreach (var e in epochs)
            text.AppendLine($"| {e.Epoch} | {e.Trials} | {e.Compute.ToString("0.##", CultureInfo.InvariantCulture)} | {e.Loss.ToString("F4", CultureInfo.InvariantCulture)} | " +
                            $"{string.Join(" ", e.Lrs.Select(l => l.ToString("G3", CultureInfo.InvariantCulture)))} | {string.Join(", ", e.Events)} | " +
                            $"{e.Seconds.ToString("F1", CultureInfo.InvariantCulture)} |");
        return text.ToString();
    }

    /// <summary>The ledger's epochs as the report's per-epoch metrics.</summary>
    public static List<EpochMetrics> Metrics(JobLedger ledger) =>
        ledger.Epochs.Select(e => new EpochMetrics(e.Epoch, e.Loss, e.Lrs, new Dictionary<int, double>(), e.Seconds,
            e.Phase == "prune" ? $"prune d{e.Depth}" : e.Phase)).ToList();

    /// <summary>Notes on what the controller had to do (clamps, empty ranges, divergence, caps), per stage.</summary>
    public static List<string> EventNotes(JobLedger ledger) =>
        ledger.Done.Where(r => r.Events.Length > 0)
            .Select(r => $"{r.Label}: {string.Join(", ", r.Events)}").ToList();
}
