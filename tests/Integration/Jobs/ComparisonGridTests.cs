using AutoLR.Experiments.Comparison;
using AutoLR.Settings;

namespace AutoLR.Integration.Jobs;

/// <summary>
/// The comparison's tuning grid from --compare-lr-factors: the shipped 1/3,1,3 gives the grid every earlier comparison
/// ran (0.00333, 0.01, 0.03 at --base-lr 0.01), a method's own axis is crossed with the LRs, and one factor is one
/// point that is not tuned.
/// </summary>
public sealed class ComparisonGridTests
{
    [Fact]
    public void The_shipped_factors_are_a_third_one_and_three_exactly()
    {
        Assert.Equal([1.0 / 3, 1.0, 3.0], ComparisonLrFactors.ShippedFactors);
        Assert.Equal([0.25, 2.0, 1e-3], ComparisonLrFactors.Parse(" 1/4, 2 ,1e-3", out var problem)!);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("", "no factor is given")]
    [InlineData("-1", "'-1' is not a positive number or fraction a/b")]
    [InlineData("1/", "'1/' is not a positive number or fraction a/b")]
    [InlineData("1/2/3", "'1/2/3' is not a positive number or fraction a/b")]
    [InlineData("NaN", "'NaN' is not a positive number or fraction a/b")]
    [InlineData("2,4/2", "'4/2' gives a factor already listed")]
    public void A_bad_list_is_refused_naming_the_entry(string text, string expected)
    {
        Assert.Null(ComparisonLrFactors.Parse(text, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void The_shipped_grid_is_the_base_lr_over_three_times_one_and_three_crossed_with_the_methods_own_axis()
    {
        Assert.Equal(["base-lr=0.00333", "base-lr=0.01", "base-lr=0.03"], ComparisonGrid.For("single", 0.01, ComparisonLrFactors.ShippedFactors).Select(p => p.Label));
        var layerDecay = ComparisonGrid.For("layer-decay", 0.01, [1.0]);
        Assert.Equal(["base-lr=0.01,layer-decay=0.6", "base-lr=0.01,layer-decay=0.75", "base-lr=0.01,layer-decay=0.9"], layerDecay.Select(p => p.Label));
        Assert.Equal("base-lr ∈ {0.00333, 0.01, 0.03}", ComparisonGrid.Describe("autolr", 0.01, ComparisonLrFactors.ShippedFactors));
        Assert.Equal("base-lr ∈ {0.01} × layer-decay ∈ {0.6, 0.75, 0.9}", ComparisonGrid.Describe("layer-decay", 0.01, [1.0]));
    }

    [Fact]
    public void One_factor_on_a_method_without_an_axis_is_one_point_not_tuned()
    {
        Assert.Equal(["base-lr=0.02"], ComparisonGrid.For("autolr", 0.01, [2.0]).Select(p => p.Label));
        Assert.Equal("base-lr = 0.02, not tuned", ComparisonGrid.Describe("autolr", 0.01, [2.0]));
    }
}
