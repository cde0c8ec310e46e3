using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.Runs.Checkpoints;
using AutoLR.Sweeps.Slurm;

namespace AutoLR.Sweeps;

/// <summary>
/// Puts a sweep's cells on the cluster: one batch script per array chunk under the sweep's slurm/ folder, submitted
/// with sbatch, each job id appended to slurm/submissions.jsonl. Then returns: the cells run, requeue and resume on
/// their own, and `sweep-status` reads the files and the queue.
/// </summary>
public static class SweepSubmission
{
    public const string SubmissionsFileName = "submissions.jsonl";
    public const string RequestFileName = "request.json";

    /// <summary>Writes the scripts (and the request, for resubmission); returns each script's path and text.</summary>
    public static IReadOnlyList<(ArrayChunk Chunk, string Script, string Text)> WriteScripts(SweepFolder sweep, SlurmRequest request, int maxArraySize)
    {
        var folder = Path.Combine(sweep.Path, SbatchScript.LogFolderName);
        Directory.CreateDirectory(folder);
        DurableFile.WriteAllText(Path.Combine(folder, RequestFileName), JsonSerializer.Serialize(request with { DryRun = false }) + "\n");
        var autolr = AutoLrInvocation.Current();
        return ArrayChunk.Split(sweep.Cells.Count, maxArraySize).Select(chunk =>
        {
            var text = SbatchScript.Render(request, sweep.Path, sweep.Manifest.Hash, chunk, autolr);
            var script = Path.Combine(folder, SbatchScript.FileName(chunk));
            DurableFile.WriteAllText(script, text);
            return (chunk, script, text);
        }).ToList();
    }

    /// <summary>The request the sweep was last submitted with, for resubmission.</summary>
    public static SlurmRequest StoredRequest(SweepFolder sweep)
    {
        var file = Path.Combine(sweep.Path, SbatchScript.LogFolderName, RequestFileName);
        if (!File.Exists(file))
            throw new SweepFolderException($"{file} does not exist: the sweep was never submitted to Slurm; submit it with `autolr sweep --resume {sweep.Path} --slurm`.");
        SlurmRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<SlurmRequest>(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new SweepFolderException($"{file} is not a submission request ({e.Message}); submit the sweep again with `autolr sweep --resume {sweep.Path} --slurm` and the switches it needs.");
        }
        // The file may have been edited: what goes into a batch script is checked again.
        if ((request is null ? "it holds JSON null" : SbatchValues.Problem(request)) is { } problem)
            throw new SweepFolderException($"{file} holds a request Slurm would not accept ({problem}); " +
                                           $"submit the sweep again with `autolr sweep --resume {sweep.Path} --slurm` and the switches it needs.");
        return request!;
    }

    /// <summary>Submits the given cells (grouped by chunk, each group one sbatch); returns the job ids.</summary>
    public static IReadOnlyList<string> Submit(SweepFolder sweep, SlurmRequest request, IReadOnlyCollection<int> cells)
    {
        if (!SlurmCommands.Available("sbatch"))
            throw new SlurmCommandException("sbatch is not on PATH; run this on a Slurm login node, or write the script only with --dry-run.");
        var scripts = WriteScripts(sweep, request, SlurmCommands.MaxArraySize());
        var ids = new List<string>();
        foreach (var (chunk, script, _) in scripts)
        {
            var mine = cells.Where(chunk.Holds).ToList();
            if (mine.Count == 0) continue;
            var array = mine.Count == chunk.Count ? null : chunk.ArraySpec(mine, request.MaxParallel);
            var id = SlurmCommands.Submit(script, array);
            ids.Add(id);
            Record(sweep, id, chunk, array ?? chunk.ArraySpec(mine, request.MaxParallel));
        }
        return ids;
    }

    private static void Record(SweepFolder sweep, string jobId, ArrayChunk chunk, string array)
    {
        var line = new JsonObject
        {
            ["jobId"] = jobId,
            ["chunk"] = chunk.Number,
            ["firstCell"] = chunk.First,
            ["array"] = array,
            ["submittedUtc"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        File.AppendAllText(Path.Combine(sweep.Path, SbatchScript.LogFolderName, SubmissionsFileName), line.ToJsonString() + "\n");
    }
}
