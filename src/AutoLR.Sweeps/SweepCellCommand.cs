using AutoLR.Commands;
using AutoLR.Experiments;

namespace AutoLR.Sweeps;

/// <summary>
/// `sweep-cell --sweep DIR [--index N]`: one cell of a sweep as one array task runs it (<see cref="ArrayTask"/>): a
/// fine-tune in the cell's own run directory, finished, resumed from its checkpoint, or started.
/// </summary>
public static class SweepCellCommand
{
    public const string Name = "sweep-cell";

    public static Task<int> RunAsync(string sweepPath, string? indexText, string? firstText, CommandEnvironment environment, JobCatalog catalog) =>
        ArrayTask.RunAsync(Name, index =>
        {
            try
            {
                var sweep = SweepFolder.Open(sweepPath);
                return new Cell(sweep, sweep.Cell(index), catalog);
            }
            catch (SweepFolderException e)
            {
                throw new ArrayTaskException(e.Message);
            }
        }, indexText, firstText, environment);

    private sealed class Cell(SweepFolder sweep, SweepCell cell, JobCatalog catalog) : IArrayCell
    {
        public int Index => cell.Index;
        public string Label => cell.Label;
        public string Folder => sweep.CellFolder(cell);
        public bool IsFinished => sweep.IsFinished(cell);
        public bool HasCheckpoint => sweep.HasCheckpoint(cell);
        public string? Blocked => null;
        public string ResumeCommand => $"autolr {Name} --sweep {sweep.Path} --index {cell.Index}";

        public Task<int> RunAsync(CommandEnvironment environment)
        {
            // The cell's run directory says `sweep` (see SweepFolder); what runs in it is the catalogue's fine-tune.
            var input = new CommandInput(CommandCatalog.Get(CommandCatalog.Sweep), new Dictionary<string, string?>(), Folder, null, null);
            var cellJob = new JobCatalog().Register(CommandCatalog.Sweep, () => catalog.Create(CommandCatalog.FineTune));
            return CommandRunner.RunAsync(input, environment, cellJob);
        }
    }
}
