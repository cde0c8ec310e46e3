using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Experiments.Comparison;
using AutoLR.Sweeps;

namespace AutoLR.Comparisons;

/// <summary>
/// `compare-cell --comparison DIR [--index N]`: one cell of a comparison as a child process of `compare --jobs N` or
/// one Slurm array task runs it (<see cref="ArrayTask"/>): finished, resumed from its checkpoint, or started — in its
/// own run directory, through the same checks as every command. A method cell whose seed's pruning search has not
/// finished does not start (exit 4).
/// </summary>
public static class CompareCellCommand
{
    public const string Name = "compare-cell";

    public static Task<int> RunAsync(string comparisonPath, string? indexText, string? firstText, CommandEnvironment environment) =>
        ArrayTask.RunAsync(Name, index =>
        {
            try
            {
                var folder = ComparisonFolder.Open(comparisonPath);
                return new Cell(folder, folder.Cell(index));
            }
            catch (ComparisonFolderException e)
            {
                throw new ArrayTaskException(e.Message);
            }
        }, indexText, firstText, environment);

    private sealed class Cell(ComparisonFolder folder, ComparisonCell cell) : IArrayCell
    {
        public int Index => cell.Index;
        public string Label => cell.Folder;
        public string Folder => folder.CellFolder(cell);
        public bool IsFinished => folder.IsFinished(cell);
        public bool HasCheckpoint => folder.HasCheckpoint(cell);
        public string ResumeCommand => $"autolr {Name} --comparison {folder.Path} --index {cell.Index}";

        public string? Blocked => folder.IsReady(cell)
            ? null
            : $"it trains at the depth the pruning search of seed {cell.Seed} chooses (cell {folder.Prerequisite(cell)!.Index}), which has not finished.";

        public Task<int> RunAsync(CommandEnvironment environment)
        {
            // The cell's run directory says `compare`; what runs in it is the cell's own job.
            var input = new CommandInput(CommandCatalog.Get(CommandCatalog.Compare), new Dictionary<string, string?>(), Folder, null, null);
            return CommandRunner.RunAsync(input, environment, new JobCatalog().Register(CommandCatalog.Compare, () => new ComparisonCellJob()));
        }
    }
}
