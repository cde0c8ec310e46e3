using AutoLR.Algorithms;
using AutoLR.Settings;
using AutoLR.Settings.Grids;

namespace AutoLR.Sweeps;

/// <summary>
/// One point of a sweep's grid: its index (the Slurm array task id, offset by its array's first index), its label
/// ("alpha=2,beta=0.4") and the folder under the sweep that is its own run directory.
/// </summary>
public sealed record SweepCell(int Index, string Label, IReadOnlyList<(Setting Setting, string Value)> Point)
{
    /// <summary>Deterministic from the label, so a local and a cluster run of the same sweep write the same place.</summary>
    public string FolderName => Label.Replace(',', '_');

    /// <summary>
    /// The grid's points (<see cref="SweepPoint.Grid"/>, the one cartesian product, which validation reads too)
    /// numbered in order: the manifest, the array indices, the local runner, status and collect all read this, so
    /// index N is the same cell everywhere.
    /// </summary>
    public static IReadOnlyList<SweepCell> Of(IReadOnlyList<SweepAxis> grid) =>
        SweepPoint.Grid(grid).Select((point, index) => new SweepCell(index, point.Label, point.Values)).ToList();

    /// <summary>The grid written back as <c>--grid</c> text, e.g. <c>alpha=1,2;beta=0.2,0.4</c>.</summary>
    public static string GridText(IReadOnlyList<SweepAxis> grid) =>
        string.Join(";", grid.Select(a => $"{a.Setting.Switch[2..]}={string.Join(",", a.Values)}"));
}
