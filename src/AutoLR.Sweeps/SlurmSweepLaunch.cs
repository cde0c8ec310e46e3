using AutoLR.Commands;
using AutoLR.Runs;
using AutoLR.Settings;
using AutoLR.Settings.Grids;
using AutoLR.Sweeps.Slurm;
using AutoLR.RunFormat.Config;

namespace AutoLR.Sweeps;

/// <summary>
/// `sweep --slurm`: makes the sweep folder (or reopens it with <c>--resume</c>), writes the batch scripts, submits
/// every cell and returns. Cells already finished exit at once when their task starts.
/// </summary>
public static class SlurmSweepLaunch
{
    public static int Run(SlurmRequest request, CommandInput input, IReadOnlyList<SweepAxis> grid, RunSettings settings, CommandEnvironment environment)
    {
        if (grid.FirstOrDefault(a => !a.Setting.Sweepable) is { } axis)
            return Invalid(environment, $"--grid sweeps {axis.Setting.Switch}, which changes the data or the backbone; a sweep shares one data set " +
                                        "and backbone: sweep controller or training settings (alpha, beta, tau, base-lr, epochs, seed, schedule, ...), or start separate runs.");
        SweepFolder sweep;
        try
        {
            sweep = input.Resume is { } existing ? SweepFolder.Open(existing) : Create(grid, settings, input.Grid!);
        }
        catch (Exception e) when (e is SweepFolderException or IOException or UnauthorizedAccessException)
        {
            return Invalid(environment, e.Message);
        }

        if (request.DryRun)
        {
            foreach (var (_, script, text) in SweepSubmission.WriteScripts(sweep, request, SlurmCommands.MaxArraySize()))
                environment.Out.Write($"# {script}\n{text}");
            environment.Out.WriteLine($"autolr sweep: dry run; {sweep.Cells.Count} cells in {sweep.Path}, nothing submitted. " +
                                      $"Submit with: autolr sweep --resume {sweep.Path} --slurm");
            return ExitCodes.Success;
        }
        try
        {
            var ids = SweepSubmission.Submit(sweep, request, [.. sweep.Cells.Select(c => c.Index)]);
            environment.Out.WriteLine($"autolr sweep: submitted {sweep.Cells.Count} cells as Slurm job {string.Join(", ", ids)}; sweep folder {sweep.Path}. " +
                                      $"Follow with: autolr sweep-status --sweep {sweep.Path}");
            return ExitCodes.Success;
        }
        catch (SlurmCommandException e)
        {
            environment.Error.WriteLine($"autolr sweep: {e.Message}");
            return ExitCodes.JobFailed;
        }
    }

    private static SweepFolder Create(IReadOnlyList<SweepAxis> grid, RunSettings settings, string gridText)
    {
        var now = DateTimeOffset.UtcNow;
        using var run = RunFolder.Create(settings.Get(OutputSettings.Output), CommandCatalog.Sweep, now, out var id);
        RunConfigStore.Write(run.Path, new RunIdentity(id, CommandCatalog.Sweep, now, null, gridText), settings);
        return SweepFolder.Prepare(run.Path, grid, settings, now);
    }

    private static int Invalid(CommandEnvironment environment, string message)
    {
        environment.Error.WriteLine($"autolr: configuration error: {message}");
        environment.Error.WriteLine("autolr: nothing was submitted (exit code 2).");
        return ExitCodes.InvalidConfiguration;
    }
}
