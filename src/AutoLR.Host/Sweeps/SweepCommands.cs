using System.CommandLine;
using AutoLR.Host.Commands;
using AutoLR.Host.Jobs;

namespace AutoLR.Host.Sweeps;

/// <summary>The commands that work on an existing sweep folder: run one cell, show status, collect results.</summary>
public static class SweepCommands
{
    public static IEnumerable<Command> Build(CommandEnvironment environment, JobCatalog catalog) =>
    [
        SweepCellCommand.Build(environment, catalog),
        SweepStatusCommand.Build(environment),
        SweepCollectCommand.Build(environment),
    ];
}
