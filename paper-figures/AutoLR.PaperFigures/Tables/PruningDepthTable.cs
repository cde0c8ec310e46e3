using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Runs;
using AutoLR.PaperFigures.Statistics;

namespace AutoLR.PaperFigures.Tables;

/// <summary>
/// Table 1 analog: Recall@K of fine-tuning with one LR at each pruning depth Algorithm 1 tried, from prune runs'
/// per-depth scores, per data set (and backbone) over seeds, with how many runs selected each depth.
/// </summary>
public sealed class PruningDepthTable : IArtifact
{
    public string Name => "table1";

    public string Description => "Recall@K by pruning depth, from prune runs' per-depth scores";

    public ArtifactOutcome Render(IReadOnlyList<RunDirectory> runs, string outputFolder, RenderOptions options)
    {
        var table = Build(runs);
        return table.Rows.Count == 0
            ? ArtifactOutcome.Skip("no run whose results.json has command \"prune\" was given")
            : ArtifactOutcome.Wrote(Artifacts.WriteText(outputFolder, "table1.md", table.Render()));
    }

    public static MarkdownTable Build(IReadOnlyList<RunDirectory> runs)
    {
        var prunes = runs.Select(r => r.Results).OfType<RunResults>().Where(r => r.Command == RunCommands.Prune).ToList();
        // One search configuration: everything but the seed and the depth it selected (the search's outcome).
        var groups = prunes
            .GroupBy(r => r.Configuration with { PruningDepth = 0 })
            .OrderBy(g => g.Key.Dataset, StringComparer.Ordinal).ThenBy(g => g.Key.Backbone, StringComparer.Ordinal)
            .ToList();
        var apart = ConfigurationKey.SetApart(groups.Select(g => g.Key));
        var ks = prunes.SelectMany(r => r.Pruning).SelectMany(s => s.RecallAtK.Keys).Distinct().Order().ToList();
        var columns = new List<(string, bool)> { ("data set", false), ("backbone", false), ("pruning depth", true), ("blocks removed", false) };
        columns.AddRange(ks.Select(k => ($"R@{k} (%)", true)));
        columns.AddRange([("n", true), ("selected by", true)]);
        var table = new MarkdownTable("Table 1 analog: Recall@K by pruning depth (single LR)", columns.ToArray());
        foreach (var group in groups)
        {
            var depths = group.SelectMany(r => r.Pruning).Select(s => s.Depth).Distinct().Order();
            foreach (var depth in depths)
            {
                var scores = group.SelectMany(r => r.Pruning.Where(s => s.Depth == depth)).ToList();
                var recall = ks.Select(k => Spread.Of(scores.Where(s => s.RecallAtK.ContainsKey(k)).Select(s => s.RecallAtK[k])));
                var selected = group.Count(r => r.PruningDepth == depth);
                table.AddRow([
                    group.Key.Dataset, (group.Key.Backbone ?? "—") + apart[group.Key], depth.ToString(), BlocksRemoved(depth, group.First().BlockCount),
                    .. recall.Select(s => s.Percent()), scores.Count.ToString(), $"{selected} of {group.Count()}",
                ]);
            }
        }
        table.AddNote($"Recall@K: {Spread.Legend}.");
        var selections = prunes.Select(r => r.Selection ?? "validation").Distinct().Order().ToList();
        table.AddNote($"Scores are on the split the search selected on ({string.Join(", ", selections)}); \"selected by\": how many prune runs chose that depth.");
        table.AddNote("Blocks are numbered 1..K from input to output; depth p removes the p highest (the paper's \"Pruning 15, 16\" is p = 2 of K = 16).");
        return table;
    }

    private static string BlocksRemoved(int depth, int? blockCount) => (depth, blockCount) switch
    {
        (0, _) => "none",
        (_, null) => $"top {depth}",
        (1, { } k) => $"{k}",
        (_, { } k) => $"{k - depth + 1}–{k}",
    };
}
