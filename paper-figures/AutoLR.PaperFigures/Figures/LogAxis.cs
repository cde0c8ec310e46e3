using System.Globalization;
using ScottPlot;

namespace AutoLR.PaperFigures.Figures;

/// <summary>
/// A base-10 logarithmic value axis: values are drawn as log10, ticks sit at whole powers of ten and read as the
/// values themselves (0.001, 0.01, 1E-05). Block LRs span four to five decades in one AutoLR run, so on a linear axis
/// every block but the top ones lies on zero.
/// </summary>
public static class LogAxis
{
    /// <summary>True when every value can be drawn on a log axis (positive and finite).</summary>
    public static bool Fits(IEnumerable<double> values) => values.All(v => v > 0 && double.IsFinite(v));

    /// <summary>The values as they are drawn: log10 of each.</summary>
    public static double[] Transform(IEnumerable<double> values) => values.Select(Math.Log10).ToArray();

    /// <summary>The label of the tick at <paramref name="exponent"/> = log10 of the value.</summary>
    public static string Label(double exponent) => Math.Pow(10, exponent).ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>Puts ticks at whole decades, with minor ticks between them, labelled by <see cref="Label"/>.</summary>
    public static void Apply(IYAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            LabelFormatter = Label,
        };
}
