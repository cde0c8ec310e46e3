using System.CommandLine;
using AutoLR.Commands;
using AutoLR.Comparisons;

namespace AutoLR.Host;

/// <summary>
/// The commands that work on an existing comparison's run directory: run one cell (<see cref="CompareCellCommand"/>),
/// show status (<see cref="CompareStatusCommand"/>), write its report (<see cref="CompareCollectCommand"/>).
/// </summary>
public static class ComparisonCommands
{
    public static IEnumerable<Command> Build(CommandEnvironment environment) =>
    [
        Cell(environment),
        Status(environment),
        Collect(environment),
    ];

    private static Command Cell(CommandEnvironment environment)
    {
        var comparison = ComparisonOption();
        var index = new Option<string>("--index") { HelpName = "N", Description = "The cell to run. Default: --first plus SLURM_ARRAY_TASK_ID." };
        var first = new Option<string>("--first") { HelpName = "N", Description = "The cell of array task 0 (a comparison's arrays start past 0). Default: 0." };
        var command = new Command(CompareCellCommand.Name,
            "Run one cell of a comparison (a child process's or an array task's command): finish it, resume it from its checkpoint, or start it.")
        {
            comparison, index, first,
        };
        command.SetAction((parsed, _) => CompareCellCommand.RunAsync(parsed.GetValue(comparison)!, parsed.GetValue(index), parsed.GetValue(first), environment));
        return command;
    }

    private static Command Status(CommandEnvironment environment)
    {
        var comparison = ComparisonOption();
        var resubmit = new Option<bool>("--resubmit") { Description = "Submit the unfinished cells that are not queued, with the Slurm settings of the last submission." };
        var command = new Command(CompareStatusCommand.Name,
            "List a comparison's finished, queued, failed and unfinished cells; optionally resubmit the unfinished ones to Slurm.")
        {
            comparison, resubmit,
        };
        command.SetAction(parsed => CompareStatusCommand.Run(parsed.GetValue(comparison)!, parsed.GetValue(resubmit), environment));
        return command;
    }

    private static Command Collect(CommandEnvironment environment)
    {
        var comparison = ComparisonOption();
        var command = new Command(CompareCollectCommand.Name,
            "Write a comparison's report.md (paired statistics and all) from its finished cells; names the cells still missing.") { comparison };
        command.SetAction(parsed => CompareCollectCommand.Run(parsed.GetValue(comparison)!, environment));
        return command;
    }

    private static Option<string> ComparisonOption() =>
        new("--comparison") { HelpName = "RUN_DIR", Required = true, Description = "The run directory `autolr compare` made (it holds comparison.json)." };
}
