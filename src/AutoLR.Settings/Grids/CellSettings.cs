using AutoLR.Algorithms;

namespace AutoLR.Settings.Grids;

/// <summary>The run's settings with one grid point's values put in.</summary>
public static class CellSettings
{
    public static RunSettings With(RunSettings settings, IEnumerable<(Setting Setting, string Value)> point) =>
        point.Aggregate(settings, (cell, value) => cell.WithText(value.Setting, value.Value));
}
