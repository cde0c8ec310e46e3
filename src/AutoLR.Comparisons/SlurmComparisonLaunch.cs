using AutoLR.Commands;
using AutoLR.Experiments.Comparison;
using AutoLR.Runs;
using AutoLR.Settings;
using AutoLR.Sweeps.Slurm;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Runs;
using AutoLR.Torch.Devices;

namespace AutoLR.Comparisons;

/// <summary>
/// `compare --slurm`: makes the comparison's run directory (or reopens it with <c>--resume</c>), writes the batch
/// scripts, submits every unfinished cell that is not already queued (<see cref="ComparisonSubmission"/>) and
/// returns. `compare-status` follows it; `compare-collect` writes its report.
/// </summary>
public static class SlurmComparisonLaunch
{
    public static int Run(SlurmRequest request, CommandInput input, RunSettings settings, CommandEnvironment environment)
    {
        if (input.Switches.ContainsKey(DeviceSettings.Jobs.ConfigKey))
            return Invalid(environment, "--jobs runs cells side by side on this machine; with --slurm every cell is an array task of its own " +
                                        "(limit how many run at once with --max-parallel). Leave out one of them.");
        ComparisonFolder folder;
        try
        {
            folder = input.Resume is { } existing ? ComparisonFolder.Open(existing) : Create(settings);
        }
        catch (Exception e) when (e is ComparisonFolderException or IOException or UnauthorizedAccessException)
        {
            return Invalid(environment, e.Message);
        }

        if (request.DryRun)
        {
            foreach (var (_, _, script, text) in ComparisonSubmission.WriteScripts(folder, request, SlurmCommands.MaxArraySize()))
                environment.Out.Write($"# {script}\n{text}");
            environment.Out.WriteLine($"autolr compare: dry run; {folder.Cells.Count} cells in {folder.Path}, nothing submitted. " +
                                      $"Submit with: autolr compare --resume {folder.Path} --slurm");
            return ExitCodes.Success;
        }
        try
        {
            var (cells, jobs) = ComparisonSubmission.SubmitUnfinished(folder, request);
            environment.Out.WriteLine(cells.Count == 0
                ? $"autolr compare: every cell of {folder.Path} is finished or queued; nothing submitted. Collect with: autolr {CompareCollectCommand.Name} --comparison {folder.Path}"
                : $"autolr compare: submitted {cells.Count} cells as Slurm job {string.Join(", ", jobs)}; comparison folder {folder.Path}. " +
                  $"Follow with: autolr {CompareStatusCommand.Name} --comparison {folder.Path}");
            return ExitCodes.Success;
        }
        catch (SlurmCommandException e)
        {
            environment.Error.WriteLine($"autolr compare: {e.Message}");
            return ExitCodes.JobFailed;
        }
    }

    private static ComparisonFolder Create(RunSettings settings)
    {
        var now = DateTimeOffset.UtcNow;
        using var run = RunFolder.Create(settings.Get(OutputSettings.Output), RunCommands.Compare, now, out var id);
        RunConfigStore.Write(run.Path, new RunIdentity(id, RunCommands.Compare, now, null, null), settings);
        return ComparisonFolder.Prepare(run.Path, settings, now);
    }

    private static int Invalid(CommandEnvironment environment, string message)
    {
        environment.Error.WriteLine($"autolr: configuration error: {message}");
        environment.Error.WriteLine("autolr: nothing was submitted (exit code 2).");
        return ExitCodes.InvalidConfiguration;
    }
}
