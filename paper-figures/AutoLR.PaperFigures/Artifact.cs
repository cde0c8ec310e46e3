using AutoLR.RunFormat.Runs;

namespace AutoLR.PaperFigures;

/// <summary>One figure or table of the paper, rendered from run directories into an output folder.</summary>
public interface IArtifact
{
    /// <summary>The word that names it on the command line, e.g. "fig2".</summary>
    string Name { get; }

    /// <summary>What it shows, for the usage text.</summary>
    string Description { get; }

    ArtifactOutcome Render(IReadOnlyList<RunDirectory> runs, string outputFolder, RenderOptions options);
}

/// <summary>The files written, or why nothing was (no run of the kind the artifact needs was given).</summary>
public sealed record ArtifactOutcome(IReadOnlyList<string> Files, string? Skipped)
{
    public static ArtifactOutcome Wrote(params IReadOnlyList<string> files) => new(files, null);

    public static ArtifactOutcome Skip(string reason) => new([], reason);
}

/// <summary>Settings of a rendering that are not run data. <see cref="LastEpoch"/> cuts Fig. 4 short, as the paper shows only 15 of 50 epochs.</summary>
public sealed record RenderOptions(int? LastEpoch = null);

/// <summary>Every artifact, in the paper's order; "all" renders them in this order.</summary>
public static class Artifacts
{
    public static readonly IReadOnlyList<IArtifact> All =
    [
        new Figures.WeightVariationFigure(),
        new Tables.PruningDepthTable(),
        new Figures.AlphaBetaHeatmap(),
        new Figures.TrialTrajectoryFigure(),
        new Tables.AblationTable(),
        new Tables.ScheduleComparisonTable(),
        new Tables.CostTable(),
        new Tables.PairedComparison(),
        new Tables.VarianceStudy(),
    ];

    /// <summary>What the figures' scripts run between training and rendering; not part of "all".</summary>
    public static readonly IReadOnlyList<IArtifact> Steps = [new Restatement.RunRestatement()];

    /// <summary>A name safe in a file name, made from a run directory's name or a data set's.</summary>
    public static string FileStem(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());

    /// <summary>
    /// A run's part of its figures' file names: its directory name, prefixed by the parent directory's name when
    /// another run given has the same name (so that no figure overwrites another).
    /// </summary>
    public static string RunStem(RunDirectory run, IReadOnlyList<RunDirectory> runs)
    {
        var clash = runs.Any(other => other.Name == run.Name && other.Path != run.Path);
        var parent = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(run.Path))) ?? "";
        return FileStem(clash ? $"{parent}_{run.Name}" : run.Name);
    }

    public static string WriteText(string outputFolder, string fileName, string text)
    {
        var path = Path.Combine(outputFolder, fileName);
        File.WriteAllText(path, text);
        return path;
    }
}
