namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// The special functions the distributions need, each from its defining series or continued fraction, evaluated to
/// double precision (tests check them against published values and closed forms).
/// </summary>
internal static class SpecialFunctions
{
    private const double Epsilon = 1e-16;
    private const int MaxTerms = 100_000;
    private const double Tiny = 1e-300;

    /// <summary>ln Γ(k/2) for a whole k ≥ 1, exactly by Γ(1/2) = √π, Γ(1) = 1 and Γ(x + 1) = x Γ(x).</summary>
    public static double LogGammaOfHalf(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "Γ(k/2) is defined here for whole k ≥ 1.");
        var x = k % 2 == 0 ? 1.0 : 0.5;
        var log = k % 2 == 0 ? 0.0 : 0.5 * Math.Log(Math.PI);
        for (; x < k / 2.0; x++) log += Math.Log(x);
        return log;
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b half-integers given doubled (a = twiceA / 2).</summary>
    public static double LogBeta(int twiceA, int twiceB) =>
        LogGammaOfHalf(twiceA) + LogGammaOfHalf(twiceB) - LogGammaOfHalf(twiceA + twiceB);

    /// <summary>
    /// The regularised incomplete beta function I_x(a, b) for a, b half-integers given doubled (a = twiceA / 2), with
    /// <paramref name="logBeta"/> = <see cref="LogBeta"/>(twiceA, twiceB) (computed once by callers that evaluate
    /// many x), by its continued fraction (evaluated with the modified Lentz method) on whichever side of
    /// (a + 1) / (a + b + 2) it converges fast, the other side by I_x(a, b) = 1 − I_{1−x}(b, a).
    /// </summary>
    public static double RegularizedIncompleteBeta(int twiceA, int twiceB, double logBeta, double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double a = twiceA / 2.0, b = twiceB / 2.0;
        if (x < (a + 1) / (a + b + 2))
            return Math.Exp(a * Math.Log(x) + b * Math.Log(1 - x) - logBeta) / a * BetaFraction(a, b, x);
        return 1 - Math.Exp(b * Math.Log(1 - x) + a * Math.Log(x) - logBeta) / b * BetaFraction(b, a, 1 - x);
    }

    /// <summary>1 / (1 + d₁ / (1 + d₂ / (1 + ...))) with d₂ₘ₊₁ = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)), d₂ₘ = m (b − m) x / ((a + 2m − 1)(a + 2m)).</summary>
    private static double BetaFraction(double a, double b, double x)
    {
        // Lentz: f = C·D products of the convergents' ratios, starting from the "1 +" of the first denominator.
        var c = 1.0;
        var d = Guard(1 - (a + b) * x / (a + 1));
        d = 1 / d;
        var f = d;
        for (var m = 1; m <= MaxTerms; m++)
        {
            var even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 / Guard(1 + even * d);
            c = Guard(1 + even / c);
            f *= d * c;
            var odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 / Guard(1 + odd * d);
            c = Guard(1 + odd / c);
            var step = d * c;
            f *= step;
            if (Math.Abs(step - 1) < Epsilon) return f;
        }
        throw new ArithmeticException($"The incomplete beta fraction did not converge for a = {a}, b = {b}, x = {x}.");
    }

    /// <summary>
    /// The regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a) for a half-integer a given doubled
    /// (a = twiceA / 2): below x = a + 1 from its series e^(−x) xᵃ / Γ(a + 1) · Σ xⁿ / ((a + 1)⋯(a + n)), above from
    /// the continued fraction of Q = 1 − P, e^(−x) xᵃ / Γ(a) · 1 / (x + 1 − a − 1·(1 − a) / (x + 3 − a − 2·(2 − a) / ...))
    /// (modified Lentz), each on the side where it converges fast.
    /// </summary>
    public static double RegularizedLowerGamma(int twiceA, double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 0;
        if (double.IsPositiveInfinity(x)) return 1;
        var a = twiceA / 2.0;
        var logPrefix = -x + a * Math.Log(x) - LogGammaOfHalf(twiceA);
        if (x < a + 1)
        {
            double sum = 1 / a, term = 1 / a;
            for (var n = 1; n <= MaxTerms; n++)
            {
                term *= x / (a + n);
                sum += term;
                if (term < Epsilon * sum) return Math.Exp(logPrefix) * sum;
            }
            throw new ArithmeticException($"The incomplete gamma series did not converge for a = {a}, x = {x}.");
        }
        // Lentz on b₀ + a₁/(b₁ + a₂/(b₂ + ...)) with b_k = x + 2k + 1 − a, a_k = −k (k − a).
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / Guard(b);
        var f = d;
        for (var k = 1; k <= MaxTerms; k++)
        {
            var ak = -k * (k - a);
            b += 2;
            d = 1 / Guard(b + ak * d);
            c = Guard(b + ak / c);
            var step = d * c;
            f *= step;
            if (Math.Abs(step - 1) < Epsilon) return 1 - Math.Exp(logPrefix) * f;
        }
        throw new ArithmeticException($"The incomplete gamma fraction did not converge for a = {a}, x = {x}.");
    }

    /// <summary>
    /// erfc(x) = 1 − erf(x): for |x| &lt; 2 from erf's Maclaurin series, 2/√π Σ (−1)ⁿ x²ⁿ⁺¹ / (n! (2n + 1)); beyond,
    /// from Laplace's continued fraction erfc(x) = e^(−x²)/√π · 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))).
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 2 - Erfc(-x);
        if (x < 2)
        {
            double sum = 0, power = x;
            for (var n = 0; n <= MaxTerms; n++)
            {
                var term = power / (2 * n + 1);
                sum += term;
                if (Math.Abs(term) < Epsilon * Math.Abs(sum)) break;
                power *= -x * x / (n + 1);
            }
            return 1 - 2 / Math.Sqrt(Math.PI) * sum;
        }
        if (x > 27) return 0; // e^(−x²) underflows
        // Lentz on x + a₁/(x + a₂/(x + ...)), aₖ = k/2.
        var f = x;
        var c = x;
        var dd = 0.0;
        for (var k = 1; k <= MaxTerms; k++)
        {
            var ak = k / 2.0;
            dd = 1 / Guard(x + ak * dd);
            c = Guard(x + ak / c);
            var step = c * dd;
            f *= step;
            if (Math.Abs(step - 1) < Epsilon) break;
        }
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }

    /// <summary>Φ(z), the standard normal distribution function: erfc(−z/√2) / 2.</summary>
    public static double NormalCdf(double z) => Erfc(-z / Math.Sqrt(2)) / 2;

    private static double Guard(double value) => Math.Abs(value) < Tiny ? Tiny : value;
}
