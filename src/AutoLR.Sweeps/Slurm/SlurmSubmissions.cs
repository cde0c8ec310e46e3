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

    /// <summary>
    /// The request the folder was last submitted with; null when it never was. The file may have been edited, so what
    /// goes into a batch script is checked again: a file that is not a request Slurm would accept is handed to
    /// <paramref name="unusable"/> with what is wrong, and its exception thrown.
    /// </summary>
    public static SlurmRequest? StoredRequest(string cellsFolder, Func<string, Exception> unusable)
    {
        var file = Path.Combine(cellsFolder, SbatchScript.LogFolderName, RequestFileName);
        if (!File.Exists(file)) return null;
        SlurmRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<SlurmRequest>(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw unusable($"{file} is not a submission request ({e.Message})");
        }
        if ((request is null ? "it holds JSON null" : SbatchValues.Problem(request)) is { } problem)
            throw unusable($"{file} holds a request Slurm would not accept ({problem})");
        return request;
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
