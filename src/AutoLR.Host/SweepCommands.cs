using System.CommandLine;
using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Sweeps;

namespace AutoLR.Host;

/// <summary>
/// The commands that work on an existing sweep folder: run one cell (<see cref="SweepCellCommand"/>), show status
/// (<see cref="SweepStatusCommand"/>), collect results (<see cref="SweepCollectCommand"/>).
/// </summary>
public static class SweepCommands
{
    public static IEnumerable<Command> Build(CommandEnvironment environment, JobCatalog catalog) =>
    [
        Cell(environment, catalog),
        Status(environment),
        Collect(environment),
    ];

    private static Command Cell(CommandEnvironment environment, JobCatalog catalog)
    {
        var sweep = SweepOption();
        var index = new Option<string>("--index") { HelpName = "N", Description = "The cell to run. Default: --first plus SLURM_ARRAY_TASK_ID." };
        var first = new Option<string>("--first") { HelpName = "N", Description = "The cell of array task 0 (arrays of large sweeps start past 0). Default: 0." };
        var command = new Command("sweep-cell", "Run one cell of a sweep (an array task's command): finish it, resume it from its checkpoint, or start it.")
        {
            sweep, index, first,
        };
        command.SetAction((parsed, _) =>
            SweepCellCommand.RunAsync(parsed.GetValue(sweep)!, parsed.GetValue(index), parsed.GetValue(first), environment, catalog));
        return command;
    }

    private static Command Status(CommandEnvironment environment)
    {
        var sweep = SweepOption();
        var resubmit = new Option<bool>("--resubmit") { Description = "Submit the unfinished cells that are not queued, with the Slurm settings of the last submission." };
        var command = new Command("sweep-status", "List a sweep's finished, queued and unfinished cells; optionally resubmit the unfinished ones to Slurm.")
        {
            sweep, resubmit,
        };
        command.SetAction(parsed => SweepStatusCommand.Run(parsed.GetValue(sweep)!, parsed.GetValue(resubmit), environment));
        return command;
    }

    private static Command Collect(CommandEnvironment environment)
    {
        var sweep = SweepOption();
        var command = new Command("sweep-collect", "Build a sweep's results table and report.md from its cells; names the cells still missing.") { sweep };
        command.SetAction(parsed => SweepCollectCommand.Run(parsed.GetValue(sweep)!, environment));
        return command;
    }

    private static Option<string> SweepOption() =>
        new("--sweep") { HelpName = "SWEEP_DIR", Required = true, Description = "The sweep folder `autolr sweep` made (it holds sweep.json)." };
}
