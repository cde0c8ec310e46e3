using AutoLR.Algorithms;
using System.Globalization;
using AutoLR.Runs;
using AutoLR.Runs.Checkpoints;
using AutoLR.Settings;
using AutoLR.Settings.Grids;
using AutoLR.RunFormat.Comparisons;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Runs;
using AutoLR.Torch.Training;

namespace AutoLR.Experiments.Comparison;

/// <summary>
/// A comparison's run directory: config.json (its settings), comparison.json (methods, seeds, depth protocol, index →
/// cell) and one run directory per <see cref="ComparisonCell"/> (its own config.json with the cell's seed and method,
/// checkpoints, stages, and cell.json once finished), so each cell resumes alone and no two processes write one file.
/// The same layout serves a run here, child processes side by side and Slurm job arrays, so a comparison can move
/// between them.
/// </summary>
public sealed class ComparisonFolder
{
    private ComparisonFolder(string path, ComparisonManifestDocument manifest, IReadOnlyList<ComparisonCell> cells)
    {
        Path = System.IO.Path.GetFullPath(path);
        Manifest = manifest;
        Cells = cells;
    }

    public string Path { get; }
    public ComparisonManifestDocument Manifest { get; }
    public IReadOnlyList<ComparisonCell> Cells { get; }

    /// <summary>Null when the depth is searched per seed (<see cref="ComparisonDepth.Auto"/>), else the fixed depth.</summary>
    public int? FixedDepth => ComparisonDepth.TryParse(Manifest.PruningDepth, out var depth) ? depth : null;

    public static bool Exists(string path) => File.Exists(System.IO.Path.Combine(path, ComparisonManifestFile.FileName));

    /// <summary>
    /// Writes comparison.json and each cell's config.json (the run's settings with the cell's seed and schedule) under
    /// the comparison's run directory, whose config.json the caller has written.
    /// </summary>
    public static ComparisonFolder Prepare(string path, RunSettings settings, DateTimeOffset now)
    {
        var runId = RunConfigFile.Read(path).Identity?.Id ?? System.IO.Path.GetFileName(System.IO.Path.GetFullPath(path));
        var schedules = Schedules(settings);
        var seeds = Seeds(settings);
        var depth = settings.Get(ComparisonSettings.ComparePruningDepth).Trim().ToLowerInvariant();
        var cells = ComparisonCell.Of(schedules, seeds, depth == ComparisonDepth.Auto);
        var entries = cells.Select(c => c.Entry).ToList();
        var manifest = new ComparisonManifestDocument(runId, schedules, seeds, depth, ComparisonManifestFile.Hash(runId, schedules, seeds, depth, entries), entries);
        var folder = new ComparisonFolder(path, manifest, cells);
        foreach (var cell in cells)
        {
            var cellFolder = folder.CellFolder(cell);
            Directory.CreateDirectory(cellFolder);
            RunConfigStore.Write(cellFolder, new RunIdentity($"{runId}-{cell.Index}", RunCommands.Compare, now, null, null), SettingsOf(settings, cell));
        }
        // Last: a comparison whose manifest exists has every cell's config.json.
        DurableFile.WriteAllText(System.IO.Path.Combine(path, ComparisonManifestFile.FileName), ComparisonManifestFile.Render(manifest));
        return folder;
    }

    /// <summary>Reads comparison.json; its cells are made again from its methods and seeds and must match it and its hash.</summary>
    public static ComparisonFolder Open(string path)
    {
        var file = System.IO.Path.Combine(path, ComparisonManifestFile.FileName);
        ComparisonManifestDocument manifest;
        try
        {
            manifest = ComparisonManifestFile.Read(path);
        }
        catch (RunFormatException e)
        {
            throw new ComparisonFolderException(File.Exists(file)
                ? $"{e.Message} It is not a comparison's manifest: restore it, or start a new comparison with `autolr compare`."
                : Directory.Exists(System.IO.Path.Combine(path, RunFolder.CheckpointFolderName))
                    ? $"{path} is a comparison made by an earlier autolr, which kept every stage in one process's checkpoints; it cannot " +
                      "be continued as cells. Start it again with `autolr compare` (its finished stages' results.json stay readable)."
                    : e.Message);
        }
        var cells = ComparisonCell.Of(manifest.Schedules, manifest.Seeds, manifest.PruningDepth == ComparisonDepth.Auto);
        var hash = ComparisonManifestFile.Hash(manifest.RunId, manifest.Schedules, manifest.Seeds, manifest.PruningDepth, cells.Select(c => c.Entry));
        if (hash != manifest.Hash || !cells.Select(c => c.Entry).SequenceEqual(manifest.Cells))
            throw new ComparisonFolderException($"{file} was edited after it was written (its cells or hash do not match its methods and seeds); " +
                                                "restore it, or start a new comparison with `autolr compare`.");
        return new ComparisonFolder(path, manifest, cells);
    }

    /// <summary>The comparison a cell's run directory belongs to, and that cell; for the cell's own job.</summary>
    public static (ComparisonFolder Folder, ComparisonCell Cell) OfCell(string cellFolder)
    {
        var full = System.IO.Path.GetFullPath(cellFolder);
        var root = Directory.GetParent(full)?.Parent?.FullName;
        if (root is null || !Exists(root))
            throw new ComparisonFolderException($"{full} is not a cell of a comparison (no {ComparisonManifestFile.FileName} two folders up); " +
                                                "continue a comparison with `autolr compare --resume RUN_DIR`, RUN_DIR holding comparison.json.");
        var folder = Open(root);
        var cell = folder.Cells.FirstOrDefault(c => folder.CellFolder(c) == full.TrimEnd(System.IO.Path.DirectorySeparatorChar))
                   ?? throw new ComparisonFolderException($"{full} is inside the comparison {root} but is none of its cells.");
        return (folder, cell);
    }

    /// <summary>The run's settings as the cell trains with them: its seed, and its method (a single LR for a pruning search).</summary>
    public static RunSettings SettingsOf(RunSettings settings, ComparisonCell cell) =>
        CellSettings.With(settings,
            [(TrainingSettings.Seed, cell.Seed.ToString(CultureInfo.InvariantCulture)), (ScheduleSettings.schedule, cell.TrainedSchedule)]);

    public string CellFolder(ComparisonCell cell) => System.IO.Path.Combine(Path, cell.Folder);

    /// <summary>The cell of an index, or an error naming the valid range.</summary>
    public ComparisonCell Cell(int index) =>
        index >= 0 && index < Cells.Count
            ? Cells[index]
            : throw new ComparisonFolderException($"cell index {index} is outside the comparison {Path} (cells 0-{Cells.Count - 1}); give an index in that range.");

    /// <summary>A cell is finished exactly when its cell.json exists: it is written last.</summary>
    public bool IsFinished(ComparisonCell cell) => File.Exists(System.IO.Path.Combine(CellFolder(cell), ComparisonCellFile.FileName));

    public bool HasCheckpoint(ComparisonCell cell)
    {
        var checkpoints = System.IO.Path.Combine(CellFolder(cell), RunFolder.CheckpointFolderName);
        return Directory.Exists(checkpoints) && Directory.EnumerateFiles(checkpoints, "*" + CheckpointStore.Extension).Any();
    }

    /// <summary>A finished cell's cell.json; <see cref="RunFormatException"/> names the file when it cannot be read.</summary>
    public ComparisonCellRecord Record(ComparisonCell cell) =>
        ComparisonCellFile.Read(System.IO.Path.Combine(CellFolder(cell), ComparisonCellFile.FileName));

    /// <summary>The cell's last recorded failure (failure.json), or null.</summary>
    public CellFailureRecord? Failure(ComparisonCell cell)
    {
        var file = System.IO.Path.Combine(CellFolder(cell), CellFailureFile.FileName);
        return File.Exists(file) ? CellFailureFile.Read(file) : null;
    }

    public void RecordFailure(ComparisonCell cell, CellFailureRecord failure) =>
        DurableFile.WriteAllText(System.IO.Path.Combine(CellFolder(cell), CellFailureFile.FileName), CellFailureFile.Render(failure));

    /// <summary>The cell that must finish before <paramref name="cell"/> can start: its seed's pruning search, or none.</summary>
    public ComparisonCell? Prerequisite(ComparisonCell cell) =>
        cell.IsSearch ? null : Cells.FirstOrDefault(c => c.IsSearch && c.Seed == cell.Seed);

    /// <summary>True when the cell's prerequisite, if any, has finished.</summary>
    public bool IsReady(ComparisonCell cell) => Prerequisite(cell) is not { } before || IsFinished(before);

    /// <summary>The depth a method cell trains at: the fixed one, or what its seed's pruning search chose (which must have finished).</summary>
    public int DepthOf(ComparisonCell cell)
    {
        if (FixedDepth is { } depth) return depth;
        var search = Prerequisite(cell)!;
        if (!IsFinished(search))
            throw new ComparisonFolderException($"cell {cell.Index} ({cell.Folder}) trains at the depth the pruning search of seed {cell.Seed} chooses, " +
                                                $"and that search (cell {search.Index}, {search.Folder}) has not finished; run it first.");
        return Record(search).Depth;
    }

    public static IReadOnlyList<string> Schedules(RunSettings settings) => ComparisonSettings.ScheduleNames(settings.Values);

    public static IReadOnlyList<int> Seeds(RunSettings settings) => ComparisonSettings.SeedList(settings.Values);
}
