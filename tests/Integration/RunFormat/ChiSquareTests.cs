using AutoLR.RunFormat.Statistics;

namespace AutoLR.Integration.RunFormat;

/// <summary>
/// The χ² distribution against its closed forms (ν = 2: F(x) = 1 − e^(−x/2); ν = 4: F(x) = 1 − e^(−x/2)(1 + x/2);
/// ν = 1: F(x) = erf(√(x/2)), so its 0.95 quantile is 1.959963984540054², the normal's 0.975 quantile squared) and
/// the three-decimal columns of printed χ² tables; and the sd interval they give.
/// </summary>
public sealed class ChiSquareTests
{
    [Theory]
    [InlineData(2, 0.5)]
    [InlineData(2, 3.0)]
    [InlineData(2, 40.0)]
    [InlineData(4, 0.2)]
    [InlineData(4, 7.0)]
    [InlineData(4, 60.0)]
    public void The_distribution_function_matches_the_closed_forms_for_even_freedom(int degreesOfFreedom, double x)
    {
        var expected = degreesOfFreedom == 2 ? 1 - Math.Exp(-x / 2) : 1 - Math.Exp(-x / 2) * (1 + x / 2);
        Assert.Equal(expected, ChiSquare.Cdf(x, degreesOfFreedom), 1e-13);
    }

    [Fact]
    public void One_degree_of_freedom_is_the_square_of_a_normal()
    {
        Assert.Equal(1.959963984540054 * 1.959963984540054, ChiSquare.Quantile(0.95, 1), 1e-9);
        Assert.Equal(0.6826894921370859, ChiSquare.Cdf(1, 1), 1e-12); // P(|Z| ≤ 1)
        Assert.Equal(0, ChiSquare.Cdf(0, 3));
        Assert.Equal(0, ChiSquare.Cdf(-1, 3));
    }

    /// <summary>χ²_p with ν degrees of freedom as printed χ² tables give it.</summary>
    public static readonly TheoryData<int, double, double> PrintedTable = new()
    {
        { 3, 0.025, 0.216 }, { 3, 0.975, 9.348 }, { 5, 0.95, 11.070 }, { 7, 0.025, 1.690 }, { 7, 0.975, 16.013 },
        { 10, 0.95, 18.307 }, { 15, 0.05, 7.261 }, { 30, 0.95, 43.773 }, { 100, 0.95, 124.342 }, { 100, 0.005, 67.328 },
    };

    [Theory]
    [MemberData(nameof(PrintedTable))]
    public void The_quantiles_are_the_printed_table(int degreesOfFreedom, double p, double printed) =>
        Assert.Equal(printed, ChiSquare.Quantile(p, degreesOfFreedom), 5e-4);

    [Fact]
    public void The_sd_interval_of_eight_values_is_066_to_204_times_the_sd()
    {
        // ±a four times each: mean 0, sd = a √(8/7) = 2. The bounds use χ²_{0.975, 7} and χ²_{0.025, 7} to ten digits.
        var a = 2 / Math.Sqrt(8.0 / 7);
        var interval = StandardDeviationInterval.Of([a, -a, a, -a, a, -a, a, -a]);
        Assert.Equal(2, interval.Sd, 1e-12);
        Assert.Equal(2 * Math.Sqrt(7 / 16.012764274629326), interval.Lower, 1e-9);
        Assert.Equal(2 * Math.Sqrt(7 / 1.689869180677355), interval.Upper, 1e-9);
        Assert.Throws<ArgumentException>(() => StandardDeviationInterval.Of([1.0]));
    }
}
