using Microsoft.Extensions.Configuration;

namespace AutoLR.Settings.Grids;

/// <summary>
/// Validates every point of a sweep grid with the same validators as a single run, so that a point such as
/// <c>alpha=-1</c> or <c>lr-min</c> above <c>lr-max</c> stops the sweep at start rather than hours into it.
/// </summary>
public static class SweepPointValidation
{
    /// <summary>Most grid points checked; larger grids are checked axis value by axis value instead of per combination.</summary>
    private const int MaxPoints = 10_000;

    public static IReadOnlyList<string> Check(IConfiguration configuration, IReadOnlyList<SweepAxis> grid)
    {
        var problems = new List<string>();
        // Beyond MaxPoints, each axis value is checked on its own instead of every combination.
        var points = SweepPoint.Count(grid) <= MaxPoints
            ? SweepPoint.Grid(grid)
            : grid.SelectMany(axis => axis.Values.Select(value => new SweepPoint([(axis.Setting, value)])));
        foreach (var point in points)
        {
            var layered = new ConfigurationManager();
            layered.AddConfiguration(configuration);
            ((IConfigurationBuilder)layered).Add(new LabelledConfigurationSource(SettingLayer.Switches,
                point.Values.ToDictionary(p => p.Setting.ConfigKey, p => (string?)p.Value)));
            var failures = SettingsValidation.Problems(SettingsBinding.Bind(layered), new SettingOrigin(layered));
            var label = point.Text(" ");
            problems.AddRange(failures.Select(f => $"--grid point {label}: {f}").Where(f => !problems.Contains(f)));
        }
        return problems;
    }
}
