using ScottPlot;

namespace AutoLR.PaperFigures.Figures;

/// <summary>The look shared by the figures: size, block colours (input blocks blue → output blocks red), PNG output.</summary>
public static class FigureStyle
{
    public const int Width = 1000;
    public const int Height = 600;

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, 14);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        return plot;
    }

    /// <summary>Colour of block <paramref name="index"/> of <paramref name="count"/>, so neighbouring layers look alike.</summary>
    public static Color Block(int index, int count) =>
        new ScottPlot.Colormaps.Turbo().GetColor(count <= 1 ? 0 : 0.05 + 0.9 * index / (count - 1));

    /// <summary>One line with markers per block; x values shared.</summary>
    public static void AddBlockLines(Plot plot, double[] xs, IReadOnlyList<string> layers, Func<int, double[]> values)
    {
        for (var k = 0; k < layers.Count; k++)
        {
            var line = plot.Add.Scatter(xs, values(k), Block(k, layers.Count));
            line.LegendText = layers[k];
            line.LineWidth = 1.5f;
            line.MarkerSize = 5;
        }
        plot.ShowLegend(Edge.Right);
    }

    public static string Save(Plot plot, string outputFolder, string fileName, int width = Width, int height = Height)
    {
        var path = Path.Combine(outputFolder, fileName);
        plot.SavePng(path, width, height);
        return path;
    }
}
