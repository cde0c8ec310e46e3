using System.Globalization;
using AutoLR.RunFormat.Runs;
using AutoLR.RunFormat.Trace;
using AutoLR.PaperFigures.Statistics;
using AutoLR.PaperFigures.Tables;
using ScottPlot;

namespace AutoLR.PaperFigures.Figures;

/// <summary>
/// Fig. 3 analog: Recall@1 over the α × β grid of sweep runs, one PNG and one Markdown table per data set.
/// Empty-range cells are hatched in the PNG and marked "(empty range)" in the table; (α, β) with no run are grey.
/// </summary>
public sealed class AlphaBetaHeatmap : IArtifact
{
    public const string EmptyRangeMark = "(empty range)";

    public string Name => "fig3";

    public string Description => "Recall@1 heat map over α × β from sweep runs, empty-range cells hatched (PNG + Markdown per data set)";

    public ArtifactOutcome Render(IReadOnlyList<RunDirectory> runs, string outputFolder, RenderOptions options)
    {
        var grids = AlphaBetaGrid.Build(runs);
        if (grids.Count == 0) return ArtifactOutcome.Skip("no run whose results.json has command \"sweep\" with α and β was given");
        var files = new List<string>();
        foreach (var grid in grids)
        {
            var stem = $"fig3-{Artifacts.FileStem(grid.Dataset + grid.Apart.Replace(" [", "-").TrimEnd(']'))}";
            files.Add(FigureStyle.Save(Draw(grid), outputFolder, stem + ".png", 900, 700));
            files.Add(Artifacts.WriteText(outputFolder, stem + ".md", Table(grid).Render()));
        }
        return ArtifactOutcome.Wrote(files);
    }

    /// <summary>Rows β (largest first, as the heat map shows them), columns α; cells Recall@1 in percent.</summary>
    public static MarkdownTable Table(AlphaBetaGrid grid)
    {
        var columns = new List<(string, bool)> { ("β \\ α", false) };
        columns.AddRange(grid.Alphas.Select(a => (Number(a), true)));
        var table = new MarkdownTable($"Fig. 3 analog: Recall@1 (%) over α × β, {grid.Dataset}{grid.Apart}", columns.ToArray());
        foreach (var beta in grid.Betas.Reverse())
        {
            var row = new List<string> { Number(beta) };
            row.AddRange(grid.Alphas.Select(alpha => grid.Cells.TryGetValue((alpha, beta), out var cell) ? CellText(cell) : "no run"));
            table.AddRow(row);
        }
        table.AddNote($"Cells: {Spread.Legend}; n per cell as in \"[n = …]\" where n > 1.");
        table.AddNote($"{EmptyRangeMark}: a run of this cell recorded `{TraceFile.EmptyTargetRange}` in epoch 1 (β·max v ≤ α·min v): no target ramp existed and AutoLR accepted its first trial as it was; the paper hatches these cells.");
        return table;
    }

    private static string CellText(AlphaBetaCell cell) =>
        cell.RecallAt1.Percent()
        + (cell.RecallAt1.N > 1 ? $" [n = {cell.RecallAt1.N}]" : "")
        + (cell.EmptyRangeRuns == cell.Runs ? $" {EmptyRangeMark}" : "")
        + (cell.EmptyRange && cell.EmptyRangeRuns < cell.Runs ? $" {EmptyRangeMark[..^1]} in {cell.EmptyRangeRuns} of {cell.Runs} runs)" : "");

    private static Plot Draw(AlphaBetaGrid grid)
    {
        var plot = FigureStyle.NewPlot($"Recall@1 (%) over α × β: {grid.Dataset}{grid.Apart} (hatched: empty target range)", "α", "β");
        var values = grid.Cells.Values.Select(c => c.RecallAt1.Mean).Where(double.IsFinite).ToList();
        var (low, high) = values.Count > 0 ? (values.Min(), values.Max()) : (0.0, 1.0);
        var colormap = new ScottPlot.Colormaps.Viridis();
        for (var i = 0; i < grid.Alphas.Count; i++)
        for (var j = 0; j < grid.Betas.Count; j++)
        {
            var cell = grid.Cells.GetValueOrDefault((grid.Alphas[i], grid.Betas[j]));
            var mean = cell?.RecallAt1.Mean ?? double.NaN;
            var fraction = high > low ? (mean - low) / (high - low) : 0.5;
            var box = plot.Add.Rectangle(i - 0.5, i + 0.5, j - 0.5, j + 0.5);
            box.FillColor = double.IsFinite(mean) ? colormap.GetColor(fraction) : Colors.LightGray;
            box.LineColor = Colors.White;
            box.LineWidth = 2;
            if (cell is { EmptyRange: true })
            {
                box.FillHatch = new ScottPlot.Hatches.Striped();
                box.FillHatchColor = Colors.Black.WithAlpha(0.55);
            }
            var label = plot.Add.Text(double.IsFinite(mean) ? (100 * mean).ToString("F1", CultureInfo.InvariantCulture) : "—", i, j);
            label.LabelFontSize = 14;
            label.LabelBold = true;
            label.LabelAlignment = Alignment.MiddleCenter;
            // On a hatched cell the number sits on a dark box so the stripes do not hide it.
            var onBox = cell is { EmptyRange: true };
            label.LabelFontColor = onBox || (double.IsFinite(mean) && fraction < 0.6) ? Colors.White : Colors.Black;
            label.LabelBackgroundColor = onBox ? Colors.Black.WithAlpha(0.7) : Colors.Transparent;
        }
        plot.Axes.Bottom.TickGenerator = Ticks(grid.Alphas);
        plot.Axes.Left.TickGenerator = Ticks(grid.Betas);
        plot.Axes.SetLimits(-0.5, grid.Alphas.Count - 0.5, -0.5, grid.Betas.Count - 0.5);
        plot.HideGrid();
        return plot;
    }

    private static ScottPlot.TickGenerators.NumericManual Ticks(IReadOnlyList<double> values)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < values.Count; i++) ticks.AddMajor(i, Number(values[i]));
        return ticks;
    }

    private static string Number(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
