using AutoLR.RunFormat.Statistics;

namespace AutoLR.Integration.RunFormat;

/// <summary>
/// Student's t and the normal distribution against closed forms and published tables. Closed forms: ν = 1 is the
/// Cauchy distribution, F(t) = 1/2 + atan(t)/π; ν = 2 has F(t) = 1/2 + t / (2√(t² + 2)); ν = 4 has
/// F(t) = 1/2 + (3/8) u (1 − u²/12) with u = t/√(1 + t²/4), so F(2) = 1/2 + (3/8)·√2·(5/6). Tables: the two-sided
/// 95 % column of any t-table (three decimals). Where more digits are needed they come from mpmath at 30 digits
/// (t_{0.975, 7} = 2.364624251592785; SciPy 1.10's t.ppf gives 2.3646242510102993 there, 6·10⁻¹⁰ off).
/// </summary>
public sealed class DistributionTests
{
    [Theory]
    [InlineData(1, 1.0, 0.75)]
    [InlineData(1, 3.0, 0.8975836176504333)] // 1/2 + atan(3)/π
    [InlineData(2, 1.0, 0.7886751345948129)] // 1/2 + 1/(2√3)
    [InlineData(4, 2.0, 0.9419417382415922)] // 1/2 + (3/8)·√2·(5/6)
    [InlineData(7, 0.0, 0.5)]
    [InlineData(7, -2.364624251592785, 0.025)] // the 95 % interval's quantile with 8 seeds
    public void The_t_distribution_function_matches_its_closed_forms(int degreesOfFreedom, double t, double expected) =>
        Assert.Equal(expected, StudentT.Cdf(t, degreesOfFreedom), 1e-12);

    [Fact]
    public void The_t_quantiles_match_the_closed_forms_for_one_and_two_degrees_of_freedom()
    {
        Assert.Equal(Math.Tan(0.475 * Math.PI), StudentT.Quantile(0.975, 1), 1e-9);
        // ν = 2: t = a·√(2 / (1 − a²)) with a = 2p − 1 = 0.95.
        Assert.Equal(0.95 * Math.Sqrt(2 / (1 - 0.95 * 0.95)), StudentT.Quantile(0.975, 2), 1e-12);
        Assert.Equal(-StudentT.Quantile(0.975, 5), StudentT.Quantile(0.025, 5), 1e-12);
        Assert.Equal(2.364624251592785, StudentT.Quantile(0.975, 7), 1e-12);
        Assert.Equal(1.984723186013985, StudentT.Quantile(0.975, 97), 1e-12);
    }

    /// <summary>t_{0.975, ν} as printed t-tables give it, ν = 1..30, then 60 and 120.</summary>
    public static readonly TheoryData<int, double> PrintedTable = new()
    {
        { 1, 12.706 }, { 2, 4.303 }, { 3, 3.182 }, { 4, 2.776 }, { 5, 2.571 }, { 6, 2.447 }, { 7, 2.365 }, { 8, 2.306 }, { 9, 2.262 },
        { 10, 2.228 }, { 11, 2.201 }, { 12, 2.179 }, { 13, 2.160 }, { 14, 2.145 }, { 15, 2.131 }, { 16, 2.120 }, { 17, 2.110 },
        { 18, 2.101 }, { 19, 2.093 }, { 20, 2.086 }, { 21, 2.080 }, { 22, 2.074 }, { 23, 2.069 }, { 24, 2.064 }, { 25, 2.060 },
        { 26, 2.056 }, { 27, 2.052 }, { 28, 2.048 }, { 29, 2.045 }, { 30, 2.042 }, { 60, 2.000 }, { 120, 1.980 },
    };

    [Theory]
    [MemberData(nameof(PrintedTable))]
    public void The_interval_multiplier_is_the_printed_t_table(int degreesOfFreedom, double printed)
    {
        Assert.Equal(printed, StudentT.TwoSided(0.95, degreesOfFreedom), 5e-4);
        Assert.Equal(printed, StudentInterval.Multiplier(0.95, degreesOfFreedom + 1));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028516)]
    [InlineData(2.0, 0.004677734981047266)]
    [InlineData(3.0, 2.2090496998585445e-05)]
    [InlineData(5.0, 1.5374597944280347e-12)]
    [InlineData(-1.0, 1.8427007929497148)]
    public void The_complementary_error_function_matches_published_values(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.Erfc(x), Math.Abs(expected) * 1e-12);

    [Fact]
    public void The_normal_distribution_function_puts_2_5_percent_beyond_1_96()
    {
        Assert.Equal(0.975, SpecialFunctions.NormalCdf(1.959963984540054), 1e-12);
        Assert.Equal(0.5, SpecialFunctions.NormalCdf(0), 1e-15);
    }
}
