using AutoLR.Algorithms;
using AutoLR.RunFormat.Runs;

namespace AutoLR.PaperFigures;

/// <summary>How figures and tables name runs and schedules.</summary>
public static class RunLabels
{
    /// <summary>A run in a figure title: data set, schedule, pruning depth and seed where results.json says them, else its directory's name.</summary>
    public static string Of(RunDirectory run) => run.Results is { } r
        ? $"{r.Dataset}, {Schedule(r.Schedule)}, pruning depth {r.PruningDepth}, seed {r.Seed}"
        : run.Name;

    /// <summary>The paper's names for single LR and AutoLR; every other schedule as written.</summary>
    public static string Schedule(string schedule) =>
        schedule == ScheduleCatalog.AutoLrName ? "AutoLR"
        : schedule == ScheduleCatalog.name(ScheduleCatalog.single) ? "single LR"
        : schedule;
}
