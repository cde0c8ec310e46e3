using System.Collections.Concurrent;
using System.Globalization;
using AutoLR.Algorithms;
using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Experiments.Comparison;
using AutoLR.Settings;
using AutoLR.Queue;
using AutoLR.RunFormat.Comparisons;
using AutoLR.Torch.Devices;
using Microsoft.Extensions.Logging;

namespace AutoLR.Comparisons;

/// <summary>
/// `compare --jobs N`: a comparison's unfinished cells run N at a time, each in a child `autolr compare-cell` process
/// of its own (<see cref="JobProcess"/>: the same binary, its output passed through prefixed with the cell, killed by
/// the kernel if this process dies). A cell starts once the pruning search of its seed has finished. Each child trains
/// with the comparison's recorded --threads, so every cell ends as it would in a run of one job with that thread
/// count. A child that fails — an error, or a signal such as SIGFPE or the out-of-memory killer's SIGKILL — is
/// reported with its cause and recorded in its cell's failure.json; the others go on, and `compare --resume` runs it
/// again. On SIGTERM or Ctrl-C every child stops at its next batch with a checkpoint.
/// </summary>
public static class CellsSideBySide
{
    /// <summary>True when every cell has finished; false when stopped on request; throws <see cref="JobFailure"/> naming each failed cell.</summary>
    public static bool Run(RunContext context, ComparisonFolder folder, int jobs)
    {
        var log = new LoggedLines(context.Logger);
        var pending = folder.Cells.Where(c => !folder.IsFinished(c)).OrderBy(c => Priority(folder, c)).ToList();
        var ended = new BlockingCollection<(ComparisonCell Cell, JobProcessResult Result)>();
        var running = 0;
        var failures = new List<(ComparisonCell Cell, string Cause)>();
        context.Logger.LogInformation("{Count} of {Total} cells to run, {Jobs} at a time, {Threads} thread(s) each",
            pending.Count, folder.Cells.Count, jobs, context.Settings.Get(DeviceSettings.Threads));
        while (true)
        {
            if (!context.Cancellation.IsCancellationRequested)
                foreach (var cell in pending.Where(folder.IsReady).Take(jobs - running).ToList())
                {
                    pending.Remove(cell);
                    running++;
                    Start(folder, cell, log, ended, context.Cancellation);
                }
            if (running == 0) break;
            var (done, result) = ended.Take();
            running--;
            if (folder.IsFinished(done)) continue;
            // Asked to stop: a child that ended without a signal stopped as asked (with a checkpoint, or before it began).
            if (context.Cancellation.IsCancellationRequested && ChildExit.Signal(result.ExitCode) is null) continue;
            var cause = Cause(done, result);
            failures.Add((done, cause));
            folder.RecordFailure(done, new CellFailureRecord(DateTimeOffset.UtcNow, result.ExitCode, ChildExit.Signal(result.ExitCode), cause));
            context.Logger.LogError("Cell {Index} ({Folder}) failed: {Cause}", done.Index, done.Folder, cause);
        }
        if (context.Cancellation.IsCancellationRequested && failures.Count == 0) return false;
        if (failures.Count == 0) return true;
        var blocked = pending.Count == 0 ? "" : $" Not started, as they need a failed cell: {string.Join(", ", pending.Select(c => $"{c.Index} ({c.Folder})"))}.";
        throw new JobFailure(
            $"{failures.Count} cell(s) failed: " + string.Join(" ", failures.Select(f => $"cell {f.Cell.Index} ({f.Cell.Folder}): {f.Cause}")) + blocked +
            $" Every finished cell is kept; once the cause is fixed, `autolr compare --resume {folder.Path}` runs the others again " +
            "(a cell with a checkpoint continues from it).");
    }

    /// <summary>
    /// Pruning searches first (every method of a seed waits for its seed's), then seed by seed, the costliest methods
    /// first (the most grid points, AutoLR's trials counted thrice), so the last cells to finish are short ones.
    /// </summary>
    private static (int, int, int) Priority(ComparisonFolder folder, ComparisonCell cell) =>
        cell.IsSearch
            ? (0, cell.Seed, 0)
            : (1, cell.Seed, -ComparisonGrid.For(cell.Schedule!, 1, ComparisonLrFactors.ShippedFactors).Count * (cell.Schedule == ScheduleCatalog.AutoLrName ? 3 : 1));

    /// <summary>
    /// One child on a thread of its own, which lives as long as the child: the kernel's parent-death signal fires when
    /// the thread that started the child ends.
    /// </summary>
    private static void Start(ComparisonFolder folder, ComparisonCell cell, TextWriter log,
        BlockingCollection<(ComparisonCell, JobProcessResult)> ended, CancellationToken stop)
    {
        var thread = new Thread(() =>
        {
            JobProcessResult result;
            // The child's run record is not needed (the cell's folder says whether it finished), but JobProcess
            // hands every child a place for one; a file of this process's own keeps children and runs apart.
            var record = Path.Combine(Path.GetTempPath(), $"autolr-compare-{Environment.ProcessId}-{cell.Index}.run");
            try
            {
                result = JobProcess.Run(cell.Folder,
                    [CompareCellCommand.Name, "--comparison", folder.Path, "--index", cell.Index.ToString(CultureInfo.InvariantCulture)],
                    Environment.CurrentDirectory, record, log, stop);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                result = new JobProcessResult(JobProcessEnd.Failed, ExitCodes.JobFailed, null, $"its process could not be started: {e.Message}");
            }
            finally
            {
                File.Delete(record);
            }
            ended.Add((cell, result));
        }) { Name = $"compare-cell-{cell.Index}", IsBackground = true };
        thread.Start();
    }

    /// <summary>The signal and what to do when one killed the child, else the child's own last error lines.</summary>
    private static string Cause(ComparisonCell cell, JobProcessResult result) =>
        ChildExit.Signal(result.ExitCode) is not null
            ? ChildExit.Describe($"its process (autolr {CompareCellCommand.Name} --index {cell.Index})", result.ExitCode, resume: null)
            : result.Error is { Length: > 0 } error && !error.Contains("without a message", StringComparison.Ordinal)
                ? error
                : $"its process exited with code {result.ExitCode} without saying why; see the lines prefixed [{cell.Folder}] above.";

    /// <summary>The children's lines, one log entry each.</summary>
    private sealed class LoggedLines(ILogger logger) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value) => logger.LogInformation("{Line}", value);

        public override void Write(char value) => throw new NotSupportedException("Lines only: JobProcess writes whole lines.");
    }
}
