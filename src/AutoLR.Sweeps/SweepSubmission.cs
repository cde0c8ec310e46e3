using AutoLR.Runs.Checkpoints;
using AutoLR.Sweeps.Slurm;

namespace AutoLR.Sweeps;

/// <summary>
/// Puts a sweep's cells on the cluster: one batch script per array chunk under the sweep's slurm/ folder, submitted
/// with sbatch, each job id appended to slurm/submissions.jsonl (<see cref="SlurmSubmissions"/>). Then returns: the
/// cells run, requeue and resume on their own, and `sweep-status` reads the files and the queue.
/// </summary>
public static class SweepSubmission
{
    /// <summary>Writes the scripts (and the request, for resubmission); returns each script's path and text.</summary>
    public static IReadOnlyList<(ArrayChunk Chunk, string Script, string Text)> WriteScripts(SweepFolder sweep, SlurmRequest request, int maxArraySize)
    {
        SlurmSubmissions.WriteRequest(sweep.Path, request);
        var autolr = AutoLrInvocation.Current();
        return ArrayChunk.Split(sweep.Cells.Count, maxArraySize).Select(chunk =>
        {
            var text = SbatchScript.Render(request, sweep.Path, sweep.Manifest.Hash, chunk, autolr);
            var script = Path.Combine(SlurmSubmissions.Folder(sweep.Path), SbatchScript.FileName(chunk));
            DurableFile.WriteAllText(script, text);
            return (chunk, script, text);
        }).ToList();
    }

    /// <summary>The request the sweep was last submitted with, for resubmission.</summary>
    public static SlurmRequest StoredRequest(SweepFolder sweep) =>
        SlurmSubmissions.StoredRequest(sweep.Path, problem => new SweepFolderException(
            $"{problem}; submit the sweep again with `autolr sweep --resume {sweep.Path} --slurm` and the switches it needs."))
        ?? throw new SweepFolderException($"{Path.Combine(sweep.Path, SbatchScript.LogFolderName, SlurmSubmissions.RequestFileName)} does not exist: " +
                                          $"the sweep was never submitted to Slurm; submit it with `autolr sweep --resume {sweep.Path} --slurm`.");

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
            SlurmSubmissions.Record(sweep.Path, id, chunk, array ?? chunk.ArraySpec(mine, request.MaxParallel));
        }
        return ids;
    }
}
