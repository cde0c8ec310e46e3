using System.Text.Json.Nodes;
using AutoLR.Experiments;
using AutoLR.Runs;
using AutoLR.Settings;
using AutoLR.Settings.Grids;
using System.Globalization;
using System.Text.Json;
using AutoLR.RunFormat.Config;
using Microsoft.Extensions.Logging;

namespace AutoLR.Sweeps;

/// <summary>
/// `sweep --grid "alpha=1,2;beta=0.2,0.4"`: one fine-tune per grid point (Fig. 3), each cell a `finetune` run
/// directory of its own inside the sweep folder (<see cref="SweepFolder"/>), run here one after another or as a Slurm array.
/// The sweep's own directory holds no results, so the figure renderer, given it, reads the cells inside. An empty target range is an event of the cell's trace (the
/// controller accepts the trial as it is), never a failure.
/// </summary>
public sealed class SweepJob : IJob
{
    public JobResult Run(RunContext context)
    {
        var grid = context.Grid.Count > 0 ? context.Grid : StoredGrid(context.Run.Path);
        foreach (var axis in grid)
            if (!axis.Setting.Sweepable)
                throw new JobFailure($"--grid sweeps {axis.Setting.Switch}, which changes the data or the backbone; a sweep shares one data set " +
                                     "and backbone: sweep controller or training settings (alpha, beta, tau, base-lr, epochs, ...), or start separate runs.");

        return LocalSweep.Run(context, grid);
    }

    /// <summary>A resumed sweep gets no --grid; config.json keeps the one it was started with.</summary>
    private static IReadOnlyList<SweepAxis> StoredGrid(string runFolder)
    {
        var configFile = Path.Combine(runFolder, RunConfigFile.FileName);
        var text = RunConfigStore.Grid(runFolder) ?? throw new JobFailure($"{configFile} records no grid; it was not written by `autolr sweep`.");
        return SweepAxis.TryParse(text, out var grid) is { } error ? throw new JobFailure($"{configFile}: {error}") : grid;
    }
}
