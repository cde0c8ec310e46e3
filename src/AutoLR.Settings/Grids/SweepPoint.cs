using AutoLR.Algorithms;

namespace AutoLR.Settings.Grids;

/// <summary>One combination of a sweep grid's values, e.g. alpha=2, beta=0.4: one cell of Fig. 3.</summary>
public sealed record SweepPoint(IReadOnlyList<(Setting Setting, string Value)> Values)
{
    /// <summary>"alpha=2,beta=0.4": the cell's name in reports and (with ',' as '_') its folder.</summary>
    public string Label => Text(",");

    /// <summary>Each setting as its switch without dashes = value, joined by <paramref name="separator"/>.</summary>
    public string Text(string separator) => string.Join(separator, Values.Select(p => $"{p.Setting.Switch[2..]}={p.Value}"));

    /// <summary>How many points <see cref="Grid"/> has: the product of the axes' lengths.</summary>
    public static long Count(IReadOnlyList<SweepAxis> grid) => grid.Aggregate(1L, (n, axis) => n * axis.Values.Count);

    /// <summary>Every combination of the axes' values (their cartesian product), first axis slowest.</summary>
    public static IReadOnlyList<SweepPoint> Grid(IReadOnlyList<SweepAxis> grid)
    {
        IEnumerable<IReadOnlyList<(Setting, string)>> points = [[]];
        foreach (var axis in grid)
            points = points.SelectMany(p => axis.Values.Select(v => (IReadOnlyList<(Setting, string)>)[.. p, (axis.Setting, v)])).ToList();
        return points.Select(values => new SweepPoint(values)).ToList();
    }
}
