namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// The confidence interval of a standard deviation measured on n normal values: (n − 1)s²/σ² is χ² with n − 1 degrees
/// of freedom, so σ lies in [s √((n − 1)/χ²_{(1+level)/2}), s √((n − 1)/χ²_{(1−level)/2})]. With 8 seeds that is
/// [0.66 s, 2.03 s]: two arms' sds must differ about threefold before eight seeds can tell them apart.
/// </summary>
public sealed record StandardDeviationInterval(double Sd, double Lower, double Upper)
{
    public static StandardDeviationInterval Of(IReadOnlyCollection<double> values, double level = 0.95)
    {
        if (values.Count < 2) throw new ArgumentException("A standard deviation needs at least two values.", nameof(values));
        var sd = Sample.StandardDeviation(values);
        var freedom = values.Count - 1;
        return new StandardDeviationInterval(sd,
            sd * Math.Sqrt(freedom / ChiSquare.Quantile((1 + level) / 2, freedom)),
            sd * Math.Sqrt(freedom / ChiSquare.Quantile((1 - level) / 2, freedom)));
    }
}
