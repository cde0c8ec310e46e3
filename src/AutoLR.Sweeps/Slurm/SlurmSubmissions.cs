using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.Runs.Checkpoints;

namespace AutoLR.Sweeps.Slurm;

/// <summary>
/// What a folder of cells keeps about its submissions, in its slurm/ folder beside the batch scripts and task logs:
/// the request it was last submitted with (request.json, for resubmission with the same resources) and one line per
/// sbatch (submissions.jsonl: job id, chunk, first cell, array, time).
/// </summary>
public static class SlurmSubmissions
{
    public const string SubmissionsFileName = "submissions.jsonl";
    public const string RequestFileName = "request.json";

    /// <summary>The slurm/ folder of a folder of cells, made if missing.</summary>
    public static string Folder(string cellsFolder)
    {
        var folder = Path.Combine(cellsFolder, SbatchScript.LogFolderName);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void WriteRequest(string cellsFolder, SlurmRequest request) =>
        DurableFile.WriteAllText(Path.Combine(Folder(cellsFolder), RequestFileName), JsonSerializer.Serialize(request with { DryRun = false }) + "\n");

    /// <summary>The request the folder was last submitted with; null when it never was.</summary>
    public static SlurmRequest? StoredRequest(string cellsFolder)
    {
        var file = Path.Combine(cellsFolder, SbatchScript.LogFolderName, RequestFileName);
        return File.Exists(file) ? JsonSerializer.Deserialize<SlurmRequest>(File.ReadAllText(file))! : null;
    }

    public static void Record(string cellsFolder, string jobId, ArrayChunk chunk, string array)
    {
        var line = new JsonObject
        {
            ["jobId"] = jobId,
            ["chunk"] = chunk.Number,
            ["firstCell"] = chunk.First,
            ["array"] = array,
            ["submittedUtc"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        File.AppendAllText(Path.Combine(Folder(cellsFolder), SubmissionsFileName), line.ToJsonString() + "\n");
    }
}
