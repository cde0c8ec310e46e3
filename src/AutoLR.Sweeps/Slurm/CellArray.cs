namespace AutoLR.Sweeps.Slurm;

/// <summary>
/// What the tasks of one kind of job array run, and how its batch script names itself: the cells of a sweep or of a
/// comparison, each task one cell by index (<see cref="ArrayTask"/>).
/// </summary>
/// <param name="What">e.g. "the sweep", for the script's first comment.</param>
/// <param name="Folder">The folder of cells; the task logs go to its slurm/ folder.</param>
/// <param name="JobName">The array's job name, by which status finds its tasks in the queue.</param>
/// <param name="SubmittedBy">The command that wrote the script, e.g. "autolr sweep --slurm".</param>
/// <param name="Resubmit">The command that resubmits the unfinished cells.</param>
/// <param name="CellCommand">The autolr arguments that run one cell, before <c>--first</c>, e.g. <c>sweep-cell --sweep DIR</c>.</param>
public sealed record CellArray(string What, string Folder, string JobName, string SubmittedBy, string Resubmit, IReadOnlyList<string> CellCommand);
