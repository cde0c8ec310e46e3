using System.Text;
using AutoLR.Commands;

namespace AutoLR.Sweeps.Slurm;

/// <summary>
/// The batch script of one array of cells (a sweep's, or a comparison's: <see cref="CellArray"/>). The cell runs with <c>exec</c>, not under srun: the batch shell becomes
/// autolr, so the warning signal sent to the batch shell (<c>B:USR2</c>) reaches the cell, and a cell that exits on
/// the grace-period SIGTERM is requeued by Slurm instead of being marked FAILED as a failed step would be.
/// <c>--requeue</c> lets preemption and the cell's own <c>scontrol requeue</c> put the task back in the queue, and
/// <c>--open-mode=append</c> keeps every attempt's log in one file.
/// </summary>
public static class SbatchScript
{
    public const string LogFolderName = "slurm";

    public static string FileName(ArrayChunk chunk) => $"sweep-{chunk.Number}.sbatch";

    public static string JobName(string sweepHash, ArrayChunk chunk) => $"autolr-{sweepHash[..8]}-{chunk.Number}";

    public static string Render(SlurmRequest request, string sweepFolder, string sweepHash, ArrayChunk chunk, IReadOnlyList<string> autolr) =>
        Render(request, new CellArray("the sweep", sweepFolder, JobName(sweepHash, chunk), "autolr sweep --slurm",
            $"autolr sweep-status --sweep {ShellWord.Quote(sweepFolder)} --resubmit", [SweepCellCommand.Name, "--sweep", sweepFolder]), chunk, autolr);

    /// <summary>
    /// The script of one chunk of any array of cells: a sweep's, or one of a comparison's. Every value is checked
    /// again here (<see cref="SbatchValues"/>), whatever checked it before — a request can also come back from a
    /// request.json — and written in the form its line's parser takes literally: words quoted for the shell, comments
    /// on one line each.
    /// </summary>
    public static string Render(SlurmRequest request, CellArray array, ArrayChunk chunk, IReadOnlyList<string> autolr)
    {
        if (SbatchValues.Problem(request) is { } problem) throw new ArgumentException(problem, nameof(request));
        var folder = ShellWord.Quote(array.Folder);
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        script.Append(Comment($"Cells {chunk.First}-{chunk.First + chunk.Count - 1} of {array.What} in {folder}, written by `{array.SubmittedBy}`."));
        script.Append(Comment($"Resubmit unfinished cells with: {array.Resubmit}"));
        script.Append($"#SBATCH --job-name={SbatchValues.Directive(array.JobName)}\n");
        script.Append($"#SBATCH --array={chunk.ArraySpec(Enumerable.Range(chunk.First, chunk.Count), request.MaxParallel)}\n");
        script.Append($"#SBATCH --output={SbatchValues.Directive(Path.Combine(array.Folder, LogFolderName))}/%A_%a.log\n");
        script.Append("#SBATCH --open-mode=append\n");
        script.Append("#SBATCH --requeue\n");
        script.Append($"#SBATCH --signal=B:USR2@{request.WarningSeconds}\n");
        script.Append($"#SBATCH --cpus-per-task={request.Cpus}\n");
        if (request.Partition is { } partition) script.Append($"#SBATCH --partition={partition}\n");
        if (request.Time is { } time) script.Append($"#SBATCH --time={time}\n");
        if (request.Gpus is { } gpus) script.Append($"#SBATCH --gpus={gpus}\n");
        if (request.Mem is { } mem) script.Append($"#SBATCH --mem={mem}\n");
        if (request.Account is { } account) script.Append($"#SBATCH --account={account}\n");
        script.Append("# exec, not srun: the warning signal to the batch shell reaches the cell, and a cell that stops on SIGTERM is requeued, not FAILED.\n");
        script.Append($"exec {string.Join(" ", autolr.Concat(array.CellCommand).Select(ShellWord.Quote))} --first {chunk.First}\n");
        return script.ToString();
    }

    /// <summary>A comment line; a line break inside it would end the comment and start a command.</summary>
    static string Comment(string text) =>
        text.Contains('\n') || text.Contains('\r')
            ? throw new ArgumentException($"A batch script comment may not hold a line break: {text.ReplaceLineEndings(" ")}", nameof(text))
            : $"# {text}\n";
}
