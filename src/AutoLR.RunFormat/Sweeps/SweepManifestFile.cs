using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Json;

namespace AutoLR.RunFormat.Sweeps;

/// <summary>One cell as sweep.json lists it: its index (the Slurm array task id), its label and its folder.</summary>
public sealed record SweepCellEntry(int Index, string Label, string Folder);

/// <summary>
/// sweep.json: the grid as <c>--grid</c> text, the resolved settings every cell starts from, index → label → folder,
/// and <see cref="Hash"/> of all of it.
/// </summary>
public sealed record SweepManifestDocument(string Grid, string Hash, IReadOnlyList<SweepCellEntry> Cells, JsonObject Settings);

/// <summary>
/// sweep.json, written once when the sweep folder is made and never changed, so a cell started anywhere (laptop or
/// cluster) finds the same cell under the same index. Version 1 (<c>schema</c>) is the only one written so far.
/// </summary>
public static class SweepManifestFile
{
    public const string FileName = "sweep.json";

    /// <summary>The format version this build writes and the newest it reads.</summary>
    public const int Version = 1;

    public static string Render(SweepManifestDocument manifest) =>
        JsonFiles.Text(new JsonObject
        {
            [FormatVersion.Field] = Version,
            ["grid"] = manifest.Grid,
            ["hash"] = manifest.Hash,
            ["cells"] = new JsonArray([.. manifest.Cells.Select(c => (JsonNode)new JsonObject
            {
                ["index"] = c.Index, ["label"] = c.Label, ["folder"] = c.Folder,
            })]),
            [RunConfigFile.SettingsSection] = manifest.Settings.DeepClone(),
        });

    /// <summary>The manifest of <paramref name="sweepFolder"/>; <see cref="RunFormatException"/> names the file and what is wrong.</summary>
    public static SweepManifestDocument Read(string sweepFolder)
    {
        var file = Path.Combine(sweepFolder, FileName);
        if (!File.Exists(file))
            throw new RunFormatException($"{file} does not exist; give the folder `autolr sweep` made (it holds {FileName}).");
        return JsonFiles.ReadObject(file, Parse);
    }

    public static SweepManifestDocument Parse(JsonElement root, JsonSource source)
    {
        FormatVersion.Of(root, source, Version);
        var cells = source.Optional(root, "cells") is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(c => new SweepCellEntry(source.Int(c, "index"), source.String(c, "label"), source.String(c, "folder"))).ToList()
            : throw source.Error("required field 'cells' must be an array of {index, label, folder}.");
        var settings = source.Required(root, RunConfigFile.SettingsSection) is { ValueKind: JsonValueKind.Object } section
            ? JsonNode.Parse(section.GetRawText())!.AsObject()
            : throw source.Error($"required field '{RunConfigFile.SettingsSection}' must be an object of settings.");
        return new SweepManifestDocument(source.String(root, "grid"), source.String(root, "hash"), cells, settings);
    }

    /// <summary>SHA-256 of the grid, the settings and the cells' indices and labels: what makes two sweeps the same sweep.</summary>
    public static string Hash(string grid, JsonObject settings, IEnumerable<(int Index, string Label)> cells)
    {
        var text = grid + "\n" + settings.ToJsonString() + "\n" + string.Join("\n", cells.Select(c => $"{c.Index} {c.Label}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
