using System.Globalization;
using AutoLR.Commands;
using AutoLR.Experiments.Comparison;
using AutoLR.Runs.Checkpoints;
using AutoLR.Sweeps.Slurm;

namespace AutoLR.Comparisons;

/// <summary>
/// Puts a comparison's cells on the cluster as job arrays whose tasks run `compare-cell` (the sweeps' batch scripts,
/// <see cref="SbatchScript"/>, and submission records, <see cref="SlurmSubmissions"/>): the pruning searches as one
/// array, and the method cells as another that starts only after it has ended (<c>--dependency=afterany</c>: a method
/// cell whose search failed then exits 4 at once, and `compare-status --resubmit` submits both again). Then returns.
/// </summary>
public static class ComparisonSubmission
{
    /// <summary>Each array of the comparison: its chunk (cells First..First + Count − 1) and whether it holds pruning searches.</summary>
    public static IReadOnlyList<(ArrayChunk Chunk, bool Searches)> Chunks(ComparisonFolder folder, int maxArraySize)
    {
        var searches = folder.Cells.Count(c => c.IsSearch);
        var chunks = new List<(ArrayChunk, bool)>();
        foreach (var (first, count, isSearch) in new[] { (0, searches, true), (searches, folder.Cells.Count - searches, false) })
            foreach (var part in ArrayChunk.Split(count, maxArraySize))
                chunks.Add((new ArrayChunk(chunks.Count, first + part.First, part.Count), isSearch));
        return chunks;
    }

    public static string JobName(ComparisonFolder folder, ArrayChunk chunk) => $"autolr-{folder.Manifest.Hash[..8]}-{chunk.Number}";

    /// <summary>Writes every chunk's script (and the request, for resubmission); returns each with its path and text.</summary>
    public static IReadOnlyList<(ArrayChunk Chunk, bool Searches, string Script, string Text)> WriteScripts(ComparisonFolder folder, SlurmRequest request, int maxArraySize)
    {
        SlurmSubmissions.WriteRequest(folder.Path, request);
        var autolr = AutoLrInvocation.Current();
        return Chunks(folder, maxArraySize).Select(c =>
        {
            var array = new CellArray("the comparison", folder.Path, JobName(folder, c.Chunk), "autolr compare --slurm",
                $"autolr {CompareStatusCommand.Name} --comparison {ShellWord.Quote(folder.Path)} --resubmit", [CompareCellCommand.Name, "--comparison", folder.Path]);
            var text = SbatchScript.Render(request, array, c.Chunk, autolr);
            var script = Path.Combine(SlurmSubmissions.Folder(folder.Path), $"compare-{c.Chunk.Number.ToString(CultureInfo.InvariantCulture)}.sbatch");
            DurableFile.WriteAllText(script, text);
            return (c.Chunk, c.Searches, script, text);
        }).ToList();
    }

    /// <summary>
    /// Submits the given cells, each chunk's as one sbatch; the method cells after the pruning searches submitted now
    /// and those of <paramref name="queuedSearchJobs"/> (searches still in the queue). Returns the job ids.
    /// </summary>
    public static IReadOnlyList<string> Submit(ComparisonFolder folder, SlurmRequest request, IReadOnlyCollection<int> cells, IReadOnlyCollection<string> queuedSearchJobs)
    {
        if (!SlurmCommands.Available("sbatch"))
            throw new SlurmCommandException("sbatch is not on PATH; run this on a Slurm login node, or write the scripts only with --dry-run.");
        var searchJobs = new List<string>(queuedSearchJobs);
        var ids = new List<string>();
        foreach (var (chunk, searches, script, _) in WriteScripts(folder, request, SlurmCommands.MaxArraySize()).OrderBy(c => c.Searches ? 0 : 1))
        {
            var mine = cells.Where(chunk.Holds).ToList();
            if (mine.Count == 0) continue;
            var array = mine.Count == chunk.Count ? null : chunk.ArraySpec(mine, request.MaxParallel);
            var dependency = searches || searchJobs.Count == 0 ? null : "afterany:" + string.Join(":", searchJobs.Distinct());
            var id = SlurmCommands.Submit(script, array, dependency);
            if (searches) searchJobs.Add(id);
            ids.Add(id);
            SlurmSubmissions.Record(folder.Path, id, chunk, array ?? chunk.ArraySpec(mine, request.MaxParallel));
        }
        return ids;
    }

    /// <summary>Cell index → its task in the queue (pending, running, requeued); empty where Slurm is not installed.</summary>
    public static Dictionary<int, QueuedTask> Queued(ComparisonFolder folder)
    {
        if (!SlurmCommands.Available("squeue")) return [];
        var names = Chunks(folder, SlurmCommands.MaxArraySize()).ToDictionary(c => JobName(folder, c.Chunk), c => c.Chunk);
        var queued = new Dictionary<int, QueuedTask>();
        foreach (var task in SlurmCommands.Queue(names.Keys))
            if (names.TryGetValue(task.Name, out var chunk)) queued[chunk.First + task.Task] = task;
        return queued;
    }

    /// <summary>
    /// The unfinished cells not in the queue, submitted (searches first, methods after them and after any searches
    /// still queued); returns the cells and the job ids.
    /// </summary>
    public static (IReadOnlyList<int> Cells, IReadOnlyList<string> Jobs) SubmitUnfinished(ComparisonFolder folder, SlurmRequest request)
    {
        var queued = Queued(folder);
        var cells = folder.Cells.Where(c => !folder.IsFinished(c) && !queued.ContainsKey(c.Index)).Select(c => c.Index).ToList();
        if (cells.Count == 0) return ([], []);
        var queuedSearches = queued.Where(q => folder.Cells[q.Key].IsSearch).Select(q => q.Value.JobId).Distinct().ToList();
        return (cells, Submit(folder, request, cells, queuedSearches));
    }
}
