using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.Runs.Checkpoints;
using AutoLR.Settings;
using AutoLR.Settings.Grids;

namespace AutoLR.Sweeps;

/// <summary>
/// sweep.json: the grid, the resolved settings every cell starts from, index → label → folder, and a hash of all of
/// it. Written once when the sweep folder is made and never changed, so a cell started anywhere (laptop or cluster)
/// finds the same cell under the same index; submissions are recorded beside it, not in it.
/// </summary>
public sealed record SweepManifest(string Grid, JsonObject Settings, IReadOnlyList<SweepCell> Cells, string Hash)
{
    public const string FileName = "sweep.json";

    public static SweepManifest Create(IReadOnlyList<SweepAxis> grid, RunSettings settings)
    {
        var text = SweepCell.GridText(grid);
        var json = settings.ToJson();
        var cells = SweepCell.Of(grid);
        return new SweepManifest(text, json, cells, HashOf(text, json, cells));
    }

    public void Write(string sweepFolder)
    {
        var document = new JsonObject
        {
            ["schema"] = 1,
            ["grid"] = Grid,
            ["hash"] = Hash,
            ["cells"] = new JsonArray([.. Cells.Select(c => (JsonNode)new JsonObject
            {
                ["index"] = c.Index, ["label"] = c.Label, ["folder"] = c.FolderName,
            })]),
            [SettingKey.Section] = Settings.DeepClone(),
        };
        DurableFile.WriteAllText(Path.Combine(sweepFolder, FileName), document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Reads sweep.json; throws <see cref="SweepFolderException"/> naming the file and the fix when it is unusable.</summary>
    public static SweepManifest Read(string sweepFolder)
    {
        var file = Path.Combine(sweepFolder, FileName);
        if (!File.Exists(file))
            throw new SweepFolderException($"{file} does not exist; give the folder `autolr sweep` made (it holds {FileName}).");
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(file))!;
            var grid = root["grid"]!.GetValue<string>();
            if (SweepAxis.TryParse(grid, out var axes) is { } error) throw new SweepFolderException($"{file}: {error}");
            var settings = root[SettingKey.Section]!.AsObject();
            var cells = SweepCell.Of(axes);
            var manifest = new SweepManifest(grid, (JsonObject)settings.DeepClone(), cells, HashOf(grid, settings, cells));
            if (manifest.Hash != root["hash"]!.GetValue<string>())
                throw new SweepFolderException($"{file} was edited after it was written (its hash does not match its grid and settings); " +
                                               "restore it, or start a new sweep with `autolr sweep --grid ...`.");
            return manifest;
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException)
        {
            throw new SweepFolderException($"{file} is not a sweep manifest ({e.Message}); restore it, or start a new sweep with `autolr sweep --grid ...`.");
        }
    }

    private static string HashOf(string grid, JsonObject settings, IReadOnlyList<SweepCell> cells)
    {
        var text = grid + "\n" + settings.ToJsonString() + "\n" + string.Join("\n", cells.Select(c => $"{c.Index} {c.Label}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
