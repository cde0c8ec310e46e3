using AutoLR.PaperFigures.Figures;

namespace AutoLR.Integration.PaperFigures;

/// <summary>Fig. 4b's log LR axis: what is drawn, how a tick reads, and when a panel must stay linear.</summary>
public class LogAxisTests
{
    [Fact]
    public void Values_are_drawn_as_their_base_10_logarithm()
    {
        var drawn = LogAxis.Transform([1.0, 0.01, 1e-5, 0.5]);
        Assert.Equal([0.0, -2.0, -5.0, Math.Log10(0.5)], drawn, (a, b) => Math.Abs(a - b) <= 1e-12);
    }

    [Theory]
    [InlineData(0.0, "1")]
    [InlineData(-1.0, "0.1")]
    [InlineData(-3.0, "0.001")]
    [InlineData(-5.0, "1E-05")]
    [InlineData(2.0, "100")]
    public void A_tick_reads_as_the_value_at_its_decade(double exponent, string label) =>
        Assert.Equal(label, LogAxis.Label(exponent));

    [Fact]
    public void Only_positive_finite_values_fit_a_log_axis()
    {
        Assert.True(LogAxis.Fits([1e-5, 0.01, 1.0]));
        Assert.False(LogAxis.Fits([0.01, 0.0]));        // a frozen block's LR
        Assert.False(LogAxis.Fits([0.01, -1e-3]));
        Assert.False(LogAxis.Fits([0.01, double.NaN]));
        Assert.False(LogAxis.Fits([0.01, double.PositiveInfinity]));
    }
}
