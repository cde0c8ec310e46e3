using System.Globalization;
using AutoLR.RunFormat.Statistics;

namespace AutoLR.PaperFigures.Statistics;

/// <summary>
/// Mean and spread of one number over n repeats of a configuration (seeds). The spread is the sample standard
/// deviation (divisor n − 1); min and max are kept too. NaN values (a diverged run) are left out of n.
/// </summary>
public sealed record Spread(double Mean, double SampleStd, double Min, double Max, int N)
{
    /// <summary>What every table says its ± means.</summary>
    public const string Legend = "mean ± sample standard deviation (divisor n − 1) over the n runs (seeds) of a configuration; a single value where n = 1";

    public static Spread Of(IEnumerable<double> values)
    {
        var xs = values.Where(double.IsFinite).ToArray();
        if (xs.Length == 0) return new Spread(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        return new Spread(Sample.Mean(xs), Sample.StandardDeviation(xs), xs.Min(), xs.Max(), xs.Length);
    }

    /// <summary>"61.2 ± 0.4" (× <paramref name="scale"/>, e.g. 100 for percent), "61.2" for n = 1, "—" for no value.</summary>
    public string Format(string format = "F1", double scale = 1) => N switch
    {
        0 => "—",
        1 => (scale * Mean).ToString(format, CultureInfo.InvariantCulture),
        _ => $"{(scale * Mean).ToString(format, CultureInfo.InvariantCulture)} ± {(scale * SampleStd).ToString(format, CultureInfo.InvariantCulture)}",
    };

    /// <summary>Recall@K as percent, the paper's unit.</summary>
    public string Percent() => Format("F1", 100);
}
