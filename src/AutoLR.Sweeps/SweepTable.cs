using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AutoLR.Experiments.Results;
using AutoLR.Runs;
using AutoLR.RunFormat.Reports;
using AutoLR.RunFormat.Results;

namespace AutoLR.Sweeps;

/// <summary>
/// A sweep's results table, read from its cells' results.json; cells without results are named as missing. A results.json
/// that cannot be read throws <see cref="AutoLR.RunFormat.Json.RunFormatException"/> naming it.
/// </summary>
public sealed record SweepTable(SweepFolder Sweep, IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<SweepCell> Missing)
{
    public static SweepTable Collect(SweepFolder sweep)
    {
        var rows = new List<ComparisonRow>();
        var missing = new List<SweepCell>();
        foreach (var cell in sweep.Cells)
        {
            if (!sweep.IsFinished(cell))
            {
                missing.Add(cell);
                continue;
            }
            var results = ResultsFile.Read(Path.Combine(sweep.CellFolder(cell), ResultsFile.FileName));
            rows.Add(new ComparisonRow(cell.Label, results.PruningDepth, results.RecallAtK));
        }
        return new SweepTable(sweep, rows, missing);
    }

    public string Text()
    {
        var text = new StringBuilder(Rows.Count > 0 ? JobReports.ComparisonText("Recall@K on the test split per grid point:", Rows) : "No cell has results yet.");
        if (Missing.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"\nMissing ({Missing.Count} of {Sweep.Cells.Count}): {string.Join("; ", Missing.Select(c => $"{c.Index} {c.Label}"))}");
        return text.ToString();
    }

    /// <summary>report.md of a sweep collected from its cells.</summary>
    public string Markdown()
    {
        var text = new StringBuilder($"# autolr sweep\n\n- **grid**: {Sweep.Manifest.Grid}\n- **cells**: {Rows.Count} of {Sweep.Cells.Count} finished\n\n");
        text.Append("## Recall@K per grid point\n\n").Append(Rows.Count > 0 ? JobReports.ComparisonMarkdown(Rows) : "No cell has results yet.\n");
        if (Missing.Count > 0)
            text.Append("\n## Missing cells\n\n").Append(string.Concat(Missing.Select(c => $"- {c.Index} {c.Label}\n")));
        return text.ToString();
    }

    public RunReport Report()
    {
        var notes = Missing.Select(c => $"cell {c.Index} ({c.Label}) has no results yet: `autolr sweep-status --sweep {Sweep.Path} --resubmit` reruns it").ToList();
        return new RunReport(
            "autolr sweep",
            [new("grid", Sweep.Manifest.Grid), new("cells", $"{Rows.Count} of {Sweep.Cells.Count} finished")],
            new Dictionary<int, double>(), [], notes,
            [new("Recall@K per grid point", JobReports.ComparisonMarkdown(Rows))]);
    }
}
