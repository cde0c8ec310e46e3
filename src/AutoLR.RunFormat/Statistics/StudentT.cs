namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// Student's t distribution with a whole number of degrees of freedom ν (a sample of n has ν = n − 1), computed from
/// the regularised incomplete beta function: P(T ≤ t) = 1 − I_{ν/(ν+t²)}(ν/2, 1/2) / 2 for t ≥ 0, symmetric below.
/// One implementation serves every interval and the power line; there is no table to keep in step.
/// </summary>
public static class StudentT
{
    public static double Cdf(double t, int degreesOfFreedom)
    {
        Check(degreesOfFreedom);
        return Cdf(t, degreesOfFreedom, SpecialFunctions.LogBeta(degreesOfFreedom, 1));
    }

    /// <summary>The t with P(T ≤ t) = <paramref name="p"/>, by bisection on the distribution function to the last bit.</summary>
    public static double Quantile(double p, int degreesOfFreedom)
    {
        Check(degreesOfFreedom);
        if (p is <= 0 or >= 1 || double.IsNaN(p))
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile needs a probability strictly between 0 and 1.");
        if (p < 0.5) return -Quantile(1 - p, degreesOfFreedom);
        var logBeta = SpecialFunctions.LogBeta(degreesOfFreedom, 1);
        return QuantileSearch.Invert(t => Cdf(t, degreesOfFreedom, logBeta), p, 1);
    }

    /// <summary>The two-sided interval's multiplier: the (1 + level)/2 quantile, e.g. 2.365 for 95 % and ν = 7.</summary>
    public static double TwoSided(double level, int degreesOfFreedom) => Quantile((1 + level) / 2, degreesOfFreedom);

    private static double Cdf(double t, int degreesOfFreedom, double logBeta)
    {
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return t > 0 ? 1 : 0;
        var tail = SpecialFunctions.RegularizedIncompleteBeta(degreesOfFreedom, 1, logBeta, degreesOfFreedom / (degreesOfFreedom + t * t)) / 2;
        return t >= 0 ? 1 - tail : tail;
    }

    private static void Check(int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1)
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Student's t needs at least 1 degree of freedom (2 values).");
    }
}
