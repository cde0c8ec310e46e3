using AutoLR.Commands;
using AutoLR.Runs;
using AutoLR.Runs.Checkpoints;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Reports;

namespace AutoLR.Sweeps;

/// <summary>
/// `sweep-collect --sweep DIR`: the results table of a sweep from its cells' results.json, printed and written to the
/// sweep's report.md, naming the cells without results. Exits <see cref="ExitCodes.CellNotFinished"/> while any are missing.
/// </summary>
public static class SweepCollectCommand
{
    public static int Run(string sweepPath, CommandEnvironment environment)
    {
        try
        {
            var table = SweepTable.Collect(SweepFolder.Open(sweepPath));
            DurableFile.WriteAllText(Path.Combine(table.Sweep.Path, ReportMarkdown.FileName), table.Markdown());
            environment.Out.WriteLine(table.Text());
            environment.Out.WriteLine($"autolr sweep-collect: {table.Rows.Count} of {table.Sweep.Cells.Count} cells collected into {Path.Combine(table.Sweep.Path, ReportMarkdown.FileName)}");
            return table.Missing.Count == 0 ? ExitCodes.Success : ExitCodes.CellNotFinished;
        }
        catch (Exception e) when (e is SweepFolderException or RunFormatException)
        {
            environment.Error.WriteLine($"autolr sweep-collect: configuration error: {e.Message}");
            return ExitCodes.InvalidConfiguration;
        }
    }
}
