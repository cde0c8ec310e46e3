using AutoLR.Algorithms;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Runs;
using AutoLR.PaperFigures.Statistics;

namespace AutoLR.PaperFigures.Tables;

/// <summary>
/// Table 2 analog (ablation): single LR on the whole network, pruning only (single LR on the pruned network) and
/// pruning + AutoLR, per data set, Recall@K over seeds.
/// </summary>
public sealed class AblationTable : IArtifact
{
    public string Name => "table2";

    public string Description => "ablation: single LR vs pruning only vs pruning + AutoLR (Recall@K)";

    public ArtifactOutcome Render(IReadOnlyList<RunDirectory> runs, string outputFolder, RenderOptions options)
    {
        var table = Build(runs);
        return table.Rows.Count == 0
            ? ArtifactOutcome.Skip("no final run (results.json command other than prune/sweep) with schedule \"single\" or \"autolr\" was given")
            : ArtifactOutcome.Wrote(Artifacts.WriteText(outputFolder, "table2.md", table.Render()));
    }

    /// <summary>The ablation variant of a configuration, in the paper's row order; null for other schedules.</summary>
    public static (int Order, string Name)? Variant(ConfigurationKey c) => (Single: c.Schedule == ScheduleCatalog.name(ScheduleCatalog.single),
            AutoLr: c.Schedule == ScheduleCatalog.AutoLrName, Pruned: c.PruningDepth != 0) switch
    {
        (Single: true, _, Pruned: false) => (0, "Single LR"),
        (Single: true, _, Pruned: true) => (1, "Pruning only"),
        (_, AutoLr: true, Pruned: false) => (2, "AutoLR only (no pruning)"),
        (_, AutoLr: true, Pruned: true) => (3, "Pruning + AutoLR"),
        _ => null,
    };

    public static MarkdownTable Build(IReadOnlyList<RunDirectory> runs)
    {
        var rows = RecallRow.Build(runs)
            .Where(r => Variant(r.Configuration) is not null)
            .OrderBy(r => r.Configuration.Dataset, StringComparer.Ordinal)
            .ThenBy(r => Variant(r.Configuration)!.Value.Order)
            .ThenBy(r => r.Configuration.PruningDepth)
            .ToList();
        var ks = RecallRow.Ks(rows.Select(r => r.RecallAtK));
        var columns = new List<(string, bool)> { ("data set", false), ("variant", false), ("pruning depth", true), ("epochs", true) };
        columns.AddRange(ks.Select(k => ($"R@{k} (%)", true)));
        columns.Add(("n", true));
        var apart = ConfigurationKey.SetApart(rows.Select(r => r.Configuration));
        var table = new MarkdownTable("Table 2 analog: ablation (Recall@K)", columns.ToArray());
        foreach (var row in rows)
        {
            var c = row.Configuration;
            table.AddRow([c.Dataset, Variant(c)!.Value.Name + apart[c], c.PruningDepth.ToString(), c.Epochs?.ToString() ?? "—", .. RecallRow.Cells(row.RecallAtK, ks), row.Runs.ToString()]);
        }
        table.AddNote($"Recall@K: {Spread.Legend}.");
        table.AddNote("Pruning depth p: the p highest blocks of the pre-trained network removed (Algorithm 1).");
        return table;
    }
}
