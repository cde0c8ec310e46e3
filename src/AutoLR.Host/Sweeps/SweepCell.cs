using AutoLR.Host.Configuration;
using AutoLR.Host.Jobs;

namespace AutoLR.Host.Sweeps;

/// <summary>
/// One point of a sweep's grid: its index (the Slurm array task id, offset by its array's first index), its label
/// ("alpha=2,beta=0.4") and the folder under the sweep that is its own run directory.
/// </summary>
public sealed record SweepCell(int Index, string Label, IReadOnlyList<(SettingKey Setting, string Value)> Point)
{
    /// <summary>Deterministic from the label, so a local and a cluster run of the same sweep write the same place.</summary>
    public string FolderName => Label.Replace(',', '_');

    /// <summary>
    /// The one ordering of a grid's cells, first axis slowest: the manifest, the array indices, the local runner,
    /// status and collect all read it, so index N is the same cell everywhere.
    /// </summary>
    public static IReadOnlyList<SweepCell> Of(IReadOnlyList<SweepAxis> grid)
    {
        IEnumerable<IReadOnlyList<(SettingKey, string)>> points = [[]];
        foreach (var axis in grid)
            points = points.SelectMany(p => axis.Values.Select(v => (IReadOnlyList<(SettingKey, string)>)[.. p, (axis.Setting, v)])).ToList();
        return points
            .Select((point, index) => new SweepCell(index, string.Join(",", point.Select(p => $"{p.Item1.Switch[2..]}={p.Item2}")), point))
            .ToList();
    }

    /// <summary>The grid written back as <c>--grid</c> text, e.g. <c>alpha=1,2;beta=0.2,0.4</c>.</summary>
    public static string GridText(IReadOnlyList<SweepAxis> grid) =>
        string.Join(";", grid.Select(a => $"{a.Setting.Switch[2..]}={string.Join(",", a.Values)}"));
}
