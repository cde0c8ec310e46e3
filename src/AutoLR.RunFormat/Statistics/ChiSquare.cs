namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// The χ² distribution with a whole number of degrees of freedom ν: P(X ≤ x) = P(ν/2, x/2), the regularised lower
/// incomplete gamma function. It gives the interval of a measured sd (<see cref="StandardDeviationInterval"/>), which says
/// how far apart two arms' sds must be before they differ.
/// </summary>
public static class ChiSquare
{
    public static double Cdf(double x, int degreesOfFreedom)
    {
        Check(degreesOfFreedom);
        return SpecialFunctions.RegularizedLowerGamma(degreesOfFreedom, x / 2);
    }

    /// <summary>The x with P(X ≤ x) = <paramref name="p"/>, by bisection on the distribution function to the last bit.</summary>
    public static double Quantile(double p, int degreesOfFreedom)
    {
        Check(degreesOfFreedom);
        if (p is <= 0 or >= 1 || double.IsNaN(p))
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile needs a probability strictly between 0 and 1.");
        return QuantileSearch.Invert(x => SpecialFunctions.RegularizedLowerGamma(degreesOfFreedom, x / 2), p, degreesOfFreedom);
    }

    private static void Check(int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1)
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "χ² needs at least 1 degree of freedom (2 values).");
    }
}
