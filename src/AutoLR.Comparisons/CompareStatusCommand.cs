using AutoLR.Commands;
using AutoLR.Experiments.Comparison;
using AutoLR.RunFormat.Json;
using AutoLR.Sweeps.Slurm;

namespace AutoLR.Comparisons;

/// <summary>
/// `compare-status --comparison DIR [--resubmit]`: each cell finished (with its depth or test R@1), in the queue
/// (squeue, when Slurm is here), failed (its last failure.json), waiting for its seed's pruning search, or unfinished
/// (with or without a checkpoint); <c>--resubmit</c> submits the unfinished cells that are not queued, and only those,
/// with the Slurm settings of the last submission.
/// </summary>
public static class CompareStatusCommand
{
    public const string Name = "compare-status";

    public static int Run(string comparisonPath, bool resubmit, CommandEnvironment environment)
    {
        try
        {
            var folder = ComparisonFolder.Open(comparisonPath);
            var queued = Queued(folder, resubmit, environment);
            var unfinished = 0;
            foreach (var cell in folder.Cells)
            {
                string state;
                if (folder.IsFinished(cell))
                {
                    var record = folder.Record(cell);
                    state = cell.IsSearch ? $"finished, depth {record.Depth}" : $"finished, test R@1 {AutoLR.RunFormat.Comparisons.ComparisonText.Percent(record.TestRecallAtK![1])}";
                }
                else if (queued.TryGetValue(cell.Index, out var task)) state = $"{task.State.ToLowerInvariant()} (job {task.JobId})";
                else
                {
                    unfinished++;
                    state = folder.Failure(cell) is { } failure ? $"failed ({failure.Signal ?? $"exit {failure.ExitCode}"})"
                        : !folder.IsReady(cell) ? $"waits for cell {folder.Prerequisite(cell)!.Index}"
                        : folder.HasCheckpoint(cell) ? "unfinished (checkpoint)" : "unfinished";
                }
                environment.Out.WriteLine($"{cell.Index,5}  {state,-28}  {cell.Folder}");
            }
            var finished = folder.Cells.Count(folder.IsFinished);
            environment.Out.WriteLine($"autolr {Name}: {finished} finished, {queued.Count(q => !folder.IsFinished(folder.Cells[q.Key]))} queued, " +
                                      $"{unfinished} unfinished of {folder.Cells.Count} cells in {folder.Path}");
            foreach (var cell in folder.Cells.Where(c => !folder.IsFinished(c) && !queued.ContainsKey(c.Index)))
                if (folder.Failure(cell) is { } failure) environment.Out.WriteLine($"cell {cell.Index} ({cell.Folder}) last failed at {failure.AtUtc:u}: {failure.Message}");
            if (resubmit && unfinished > 0)
            {
                var request = SlurmSubmissions.StoredRequest(folder.Path, problem => new ComparisonFolderException(
                                  $"{problem}; submit the comparison again with `autolr compare --resume {folder.Path} --slurm` and the switches it needs."))
                              ?? throw new ComparisonFolderException($"{folder.Path} was never submitted to Slurm; submit it with `autolr compare --resume {folder.Path} --slurm`, " +
                                                                     $"or run it here with `autolr compare --resume {folder.Path}`.");
                var (cells, jobs) = ComparisonSubmission.SubmitUnfinished(folder, request);
                environment.Out.WriteLine($"autolr {Name}: resubmitted cells {string.Join(",", cells)} as Slurm job {string.Join(", ", jobs)}");
            }
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is ComparisonFolderException or RunFormatException)
        {
            environment.Error.WriteLine($"autolr {Name}: configuration error: {e.Message}");
            return ExitCodes.InvalidConfiguration;
        }
        catch (SlurmCommandException e)
        {
            environment.Error.WriteLine($"autolr {Name}: {e.Message}");
            return ExitCodes.JobFailed;
        }
    }

    /// <summary>
    /// The comparison's tasks in the queue. A comparison run here needs no cluster: where the queue cannot be read the
    /// status is the folder's alone, with a note; a resubmission needs the queue and fails.
    /// </summary>
    private static Dictionary<int, QueuedTask> Queued(ComparisonFolder folder, bool resubmit, CommandEnvironment environment)
    {
        try
        {
            return ComparisonSubmission.Queued(folder);
        }
        catch (SlurmCommandException e) when (!resubmit)
        {
            environment.Error.WriteLine($"autolr {Name}: note: the Slurm queue could not be read, so no cell is shown as queued ({e.Message})");
            return [];
        }
    }
}
