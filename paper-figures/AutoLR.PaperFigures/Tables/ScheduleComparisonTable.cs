using AutoLR.Algorithms;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Runs;
using AutoLR.PaperFigures.Statistics;

namespace AutoLR.PaperFigures.Tables;

/// <summary>
/// Table 5 analog: the LR schedules (single, step, cyclic, SGDR, layer-wise decay, discriminative) against AutoLR,
/// per data set and pruning depth (the paper compares them on one equally pruned network), Recall@K over seeds.
/// </summary>
public sealed class ScheduleComparisonTable : IArtifact
{
    public string Name => "table5";

    public string Description => $"baseline schedules ({string.Join(", ", ScheduleCatalog.baselines.Select(b => b.Name))}) vs AutoLR (Recall@K)";

    public ArtifactOutcome Render(IReadOnlyList<RunDirectory> runs, string outputFolder, RenderOptions options)
    {
        var table = Build(runs);
        return table.Rows.Count == 0
            ? ArtifactOutcome.Skip("no final run (results.json command other than prune/sweep) was given")
            : ArtifactOutcome.Wrote(Artifacts.WriteText(outputFolder, "table5.md", table.Render()));
    }

    public static MarkdownTable Build(IReadOnlyList<RunDirectory> runs)
    {
        var rows = RecallRow.Build(runs)
            .OrderBy(r => r.Configuration.Dataset, StringComparer.Ordinal)
            .ThenBy(r => r.Configuration.PruningDepth)
            .ThenBy(r => ScheduleOrder.Rank(r.Configuration.Schedule))
            .ThenBy(r => r.Configuration.Schedule, StringComparer.Ordinal)
            .ThenBy(r => r.Configuration.Alpha ?? double.NaN)
            .ThenBy(r => r.Configuration.Beta ?? double.NaN)
            .ToList();
        var ks = RecallRow.Ks(rows.Select(r => r.RecallAtK));
        var columns = new List<(string, bool)> { ("data set", false), ("pruning depth", true), ("schedule", false), ("epochs", true) };
        columns.AddRange(ks.Select(k => ($"R@{k} (%)", true)));
        columns.Add(("n", true));
        var apart = ConfigurationKey.SetApart(rows.Select(r => r.Configuration));
        var table = new MarkdownTable("Table 5 analog: LR schedules vs AutoLR (Recall@K)", columns.ToArray());
        foreach (var row in rows)
        {
            var c = row.Configuration;
            var schedule = RunLabels.Schedule(c.Schedule) + (c is { Alpha: { } a, Beta: { } b } ? $" (α {a:G4}, β {b:G4})" : "")
                + apart[c];
            table.AddRow([c.Dataset, c.PruningDepth.ToString(), schedule, c.Epochs?.ToString() ?? "—", .. RecallRow.Cells(row.RecallAtK, ks), row.Runs.ToString()]);
        }
        table.AddNote($"Recall@K: {Spread.Legend}.");
        table.AddNote("Rows are configurations: runs are averaged only when every recorded setting but the seed is equal; where two rows would look alike, [brackets] name the settings that set them apart.");
        table.AddNote("Compare schedules within one data set and pruning depth: the paper runs every schedule on the same pruned network for the same number of epochs.");
        return table;
    }
}
