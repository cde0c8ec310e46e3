using System.CommandLine;
using AutoLR.Host.Checkpoints;
using AutoLR.Host.Commands;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Reports;

namespace AutoLR.Host.Sweeps;

/// <summary>
/// `sweep-collect --sweep DIR`: the results table of a sweep from its cells' results.json, printed and written to the
/// sweep's report.md, naming the cells without results. Exits <see cref="ExitCodes.CellNotFinished"/> while any are missing.
/// </summary>
public static class SweepCollectCommand
{
    public static Command Build(CommandEnvironment environment)
    {
        var sweep = new Option<string>("--sweep") { HelpName = "SWEEP_DIR", Required = true, Description = "The sweep folder `autolr sweep` made (it holds sweep.json)." };
        var command = new Command("sweep-collect", "Build a sweep's results table and report.md from its cells; names the cells still missing.") { sweep };
        command.SetAction(parsed => Run(parsed.GetValue(sweep)!, environment));
        return command;
    }

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
