using AutoLR.Commands;
using AutoLR.Sweeps.Slurm;

namespace AutoLR.Sweeps;

/// <summary>
/// `sweep-status --sweep DIR [--resubmit]`: each cell finished (results.json), in the queue (squeue, when Slurm is
/// here) or unfinished (with or without a checkpoint); <c>--resubmit</c> submits the unfinished cells that are not in
/// the queue, and only those, as an <c>--array=</c> list.
/// </summary>
public static class SweepStatusCommand
{
    public static int Run(string sweepPath, bool resubmit, CommandEnvironment environment)
    {
        try
        {
            var sweep = SweepFolder.Open(sweepPath);
            var queued = Queued(sweep);
            var unfinished = new List<int>();
            foreach (var cell in sweep.Cells)
            {
                string state;
                if (sweep.IsFinished(cell)) state = "finished";
                else if (queued.TryGetValue(cell.Index, out var slurmState)) state = slurmState.ToLowerInvariant();
                else
                {
                    state = sweep.HasCheckpoint(cell) ? "unfinished (checkpoint)" : "unfinished";
                    unfinished.Add(cell.Index);
                }
                environment.Out.WriteLine($"{cell.Index,5}  {state,-24}  {cell.Label}");
            }
            var finished = sweep.Cells.Count(sweep.IsFinished);
            environment.Out.WriteLine($"autolr sweep-status: {finished} finished, {queued.Count(q => !sweep.IsFinished(sweep.Cells[q.Key]))} queued, " +
                                      $"{unfinished.Count} unfinished of {sweep.Cells.Count} cells in {sweep.Path}");
            if (resubmit && unfinished.Count > 0)
            {
                var ids = SweepSubmission.Submit(sweep, SweepSubmission.StoredRequest(sweep), unfinished);
                environment.Out.WriteLine($"autolr sweep-status: resubmitted cells {string.Join(",", unfinished)} as Slurm job {string.Join(", ", ids)}");
            }
            return ExitCodes.Success;
        }
        catch (SweepFolderException e)
        {
            environment.Error.WriteLine($"autolr sweep-status: configuration error: {e.Message}");
            return ExitCodes.InvalidConfiguration;
        }
        catch (SlurmCommandException e)
        {
            environment.Error.WriteLine($"autolr sweep-status: {e.Message}");
            return ExitCodes.JobFailed;
        }
    }

    /// <summary>Cell index → Slurm state of the sweep's tasks in the queue; empty where Slurm is not installed.</summary>
    private static Dictionary<int, string> Queued(SweepFolder sweep)
    {
        if (!SlurmCommands.Available("squeue")) return [];
        var chunks = ArrayChunk.Split(sweep.Cells.Count, SlurmCommands.MaxArraySize());
        var names = chunks.ToDictionary(c => SbatchScript.JobName(sweep.Manifest.Hash, c));
        var queued = new Dictionary<int, string>();
        foreach (var task in SlurmCommands.Queue(names.Keys))
            if (names.TryGetValue(task.Name, out var chunk)) queued[chunk.First + task.Task] = task.State;
        return queued;
    }
}
