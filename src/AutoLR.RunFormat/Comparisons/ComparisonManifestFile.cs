using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.RunFormat.Json;

namespace AutoLR.RunFormat.Comparisons;

/// <summary>The two kinds of cell a comparison has.</summary>
public static class ComparisonCellKinds
{
    /// <summary>Algorithm 1 for one seed on its validation split: the depth every method of that seed trains at.</summary>
    public const string PruningSearch = "pruning-search";

    /// <summary>One method for one seed: its grid tuned on validation, the chosen point trained and scored once on test.</summary>
    public const string Method = "method";
}

/// <summary>
/// One cell as comparison.json lists it: its index (the Slurm array task id), its kind
/// (<see cref="ComparisonCellKinds"/>), its seed, its method (null for a pruning search) and its folder, relative to
/// the comparison's run directory.
/// </summary>
public sealed record ComparisonCellEntry(int Index, string Kind, int Seed, string? Schedule, string Folder);

/// <summary>
/// comparison.json: the methods, the seeds, the pruning-depth protocol ("auto", or a fixed depth as text), the run's
/// id, index → cell, and <see cref="Hash"/> of all of it.
/// </summary>
public sealed record ComparisonManifestDocument(
    string RunId, IReadOnlyList<string> Schedules, IReadOnlyList<int> Seeds, string PruningDepth, string Hash, IReadOnlyList<ComparisonCellEntry> Cells);

/// <summary>
/// comparison.json, written once when a comparison's run directory is made and never changed: every process that
/// runs a cell of it (here, a child process, a Slurm array task) finds the same cell under the same index and the same
/// folder. Version 1 (<c>schema</c>) is the only one written so far.
/// </summary>
public static class ComparisonManifestFile
{
    public const string FileName = "comparison.json";

    /// <summary>The format version this build writes and the newest it reads.</summary>
    public const int Version = 1;

    public static string Render(ComparisonManifestDocument manifest) =>
        JsonFiles.Text(new JsonObject
        {
            [FormatVersion.Field] = Version,
            ["run"] = manifest.RunId,
            ["schedules"] = new JsonArray([.. manifest.Schedules.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["seeds"] = new JsonArray([.. manifest.Seeds.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["pruningDepth"] = manifest.PruningDepth,
            ["hash"] = manifest.Hash,
            ["cells"] = new JsonArray([.. manifest.Cells.Select(c => (JsonNode)new JsonObject
            {
                ["index"] = c.Index, ["kind"] = c.Kind, ["seed"] = c.Seed, ["schedule"] = c.Schedule, ["folder"] = c.Folder,
            })]),
        });

    /// <summary>The manifest of <paramref name="folder"/>; <see cref="RunFormatException"/> names the file and what is wrong.</summary>
    public static ComparisonManifestDocument Read(string folder)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file))
            throw new RunFormatException($"{file} does not exist; give the run directory `autolr compare` made (it holds {FileName}).");
        return JsonFiles.ReadObject(file, Parse);
    }

    public static ComparisonManifestDocument Parse(JsonElement root, JsonSource source)
    {
        FormatVersion.Of(root, source, Version);
        var cells = source.Optional(root, "cells") is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(c => new ComparisonCellEntry(source.Int(c, "index"), Kind(c, source), source.Int(c, "seed"),
                source.OptionalString(c, "schedule"), source.String(c, "folder"))).ToList()
            : throw source.Error("required field 'cells' must be an array of {index, kind, seed, schedule, folder}.");
        var seeds = source.Optional(root, "seeds") is { ValueKind: JsonValueKind.Array } seedArray
            ? seedArray.EnumerateArray().Select(s => s.TryGetInt32(out var seed) ? seed : throw source.Error("field 'seeds' must hold integers.")).ToList()
            : throw source.Error("required field 'seeds' must be an array of integers.");
        return new ComparisonManifestDocument(source.String(root, "run"), source.Strings(root, "schedules"), seeds,
            source.String(root, "pruningDepth"), source.String(root, "hash"), cells);
    }

    /// <summary>SHA-256 of the run's id, the methods, the seeds, the depth protocol and the cells: what makes a comparison this comparison.</summary>
    public static string Hash(string runId, IEnumerable<string> schedules, IEnumerable<int> seeds, string pruningDepth, IEnumerable<ComparisonCellEntry> cells)
    {
        var text = $"{runId}\n{string.Join(",", schedules)}\n{string.Join(",", seeds)}\n{pruningDepth}\n" +
                   string.Join("\n", cells.Select(c => $"{c.Index} {c.Kind} {c.Seed} {c.Schedule} {c.Folder}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Kind(JsonElement cell, JsonSource source)
    {
        var kind = source.String(cell, "kind");
        return kind is ComparisonCellKinds.PruningSearch or ComparisonCellKinds.Method
            ? kind
            : throw source.Error($"cell kind '{kind}' is none of {ComparisonCellKinds.PruningSearch}, {ComparisonCellKinds.Method}.");
    }
}
