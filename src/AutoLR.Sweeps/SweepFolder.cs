using AutoLR.Commands;
using AutoLR.Experiments.Results;
using AutoLR.Runs;
using AutoLR.Runs.Checkpoints;
using AutoLR.Settings;
using AutoLR.Settings.Grids;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Sweeps;

namespace AutoLR.Sweeps;

/// <summary>
/// A sweep's folder: sweep.json and one run directory per cell (its own config.json, checkpoints, trace, results), so
/// each cell resumes alone and array tasks never write a shared file. A cell is a fine-tune whose config.json names
/// the command `sweep`, so its results.json does too, which is how the figure renderer finds the α × β grid. The same layout serves the local
/// runner and Slurm, so a sweep can move between them.
/// </summary>
public sealed class SweepFolder
{
    private SweepFolder(string path, SweepManifest manifest)
    {
        Path = System.IO.Path.GetFullPath(path);
        Manifest = manifest;
    }

    public string Path { get; }
    public SweepManifest Manifest { get; }
    public IReadOnlyList<SweepCell> Cells => Manifest.Cells;

    /// <summary>Writes sweep.json and each cell's config.json (where missing: an older sweep may already have cell folders).</summary>
    public static SweepFolder Prepare(string path, IReadOnlyList<SweepAxis> grid, RunSettings settings, DateTimeOffset now)
    {
        var manifest = SweepManifest.Create(grid, settings);
        manifest.Write(path);
        var folder = new SweepFolder(path, manifest);
        foreach (var cell in manifest.Cells)
        {
            var cellFolder = folder.CellFolder(cell);
            if (File.Exists(System.IO.Path.Combine(cellFolder, RunConfigFile.FileName))) continue;
            Directory.CreateDirectory(cellFolder);
            RunConfigStore.Write(cellFolder, new RunIdentity($"{manifest.Hash[..8]}-{cell.Index}", CommandCatalog.Sweep, now, null, null),
                CellSettings.With(settings, cell.Point));
        }
        return folder;
    }

    public static SweepFolder Open(string path) => new(path, SweepManifest.Read(path));

    public static bool Exists(string path) => File.Exists(System.IO.Path.Combine(path, SweepManifestFile.FileName));

    public string CellFolder(SweepCell cell) => System.IO.Path.Combine(Path, cell.FolderName);

    /// <summary>The cell of an index, or an error naming the valid range.</summary>
    public SweepCell Cell(int index) =>
        index >= 0 && index < Cells.Count
            ? Cells[index]
            : throw new SweepFolderException($"cell index {index} is outside the sweep {Path} (cells 0-{Cells.Count - 1}); give an index in that range.");

    /// <summary>A cell is finished exactly when its results.json exists: it is written last, after the weights.</summary>
    public bool IsFinished(SweepCell cell) => File.Exists(System.IO.Path.Combine(CellFolder(cell), ResultsFile.FileName));

    public bool HasCheckpoint(SweepCell cell)
    {
        var checkpoints = System.IO.Path.Combine(CellFolder(cell), RunFolder.CheckpointFolderName);
        return Directory.Exists(checkpoints) && Directory.EnumerateFiles(checkpoints, "*" + CheckpointStore.Extension).Any();
    }
}
