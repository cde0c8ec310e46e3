using System.Text.Json.Nodes;
using AutoLR.Runs.Checkpoints;
using AutoLR.Settings;
using AutoLR.Settings.Grids;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Sweeps;

namespace AutoLR.Sweeps;

/// <summary>
/// sweep.json (<see cref="SweepManifestFile"/>) as the host uses it: the grid, the resolved settings every cell starts
/// from, its cells with their settings, and a hash of all of it. Written once when the sweep folder is made and never
/// changed; submissions are recorded beside it, not in it.
/// </summary>
public sealed record SweepManifest(string Grid, JsonObject Settings, IReadOnlyList<SweepCell> Cells, string Hash)
{
    public static SweepManifest Create(IReadOnlyList<SweepAxis> grid, RunSettings settings)
    {
        var text = SweepCell.GridText(grid);
        var json = settings.ToJson();
        var cells = SweepCell.Of(grid);
        return new SweepManifest(text, json, cells, HashOf(text, json, cells));
    }

    public void Write(string sweepFolder) =>
        DurableFile.WriteAllText(Path.Combine(sweepFolder, SweepManifestFile.FileName), SweepManifestFile.Render(
            new SweepManifestDocument(Grid, Hash, [.. Cells.Select(c => new SweepCellEntry(c.Index, c.Label, c.FolderName))], Settings)));

    /// <summary>
    /// Reads sweep.json; its cells are made again from its grid (the one cartesian product), and the hash must still
    /// match them. Throws <see cref="SweepFolderException"/> naming the file and the fix when it is unusable.
    /// </summary>
    public static SweepManifest Read(string sweepFolder)
    {
        var file = Path.Combine(sweepFolder, SweepManifestFile.FileName);
        SweepManifestDocument document;
        try
        {
            document = SweepManifestFile.Read(sweepFolder);
        }
        catch (RunFormatException e)
        {
            throw new SweepFolderException(File.Exists(file)
                ? $"{e.Message} It is not a sweep manifest: restore it, or start a new sweep with `autolr sweep --grid ...`."
                : e.Message);
        }
        if (SweepAxis.TryParse(document.Grid, out var axes) is { } error) throw new SweepFolderException($"{file}: {error}");
        var cells = SweepCell.Of(axes);
        var manifest = new SweepManifest(document.Grid, document.Settings, cells, HashOf(document.Grid, document.Settings, cells));
        if (manifest.Hash != document.Hash)
            throw new SweepFolderException($"{file} was edited after it was written (its hash does not match its grid and settings); " +
                                           "restore it, or start a new sweep with `autolr sweep --grid ...`.");
        return manifest;
    }

    private static string HashOf(string grid, JsonObject settings, IReadOnlyList<SweepCell> cells) =>
        SweepManifestFile.Hash(grid, settings, cells.Select(c => (c.Index, c.Label)));
}
