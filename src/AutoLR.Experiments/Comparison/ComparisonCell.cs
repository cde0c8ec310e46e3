using AutoLR.Algorithms;
using AutoLR.RunFormat.Comparisons;

namespace AutoLR.Experiments.Comparison;

/// <summary>
/// One independent unit of a comparison, a run directory of its own that resumes alone: a seed's pruning search
/// (<see cref="ComparisonCellKinds.PruningSearch"/>, the depth that seed's methods train at) or one method on one seed
/// (its grid tuned on validation, then the chosen point trained and scored on test). Its index is its Slurm array
/// task id and its number in every message.
/// </summary>
public sealed record ComparisonCell(int Index, string Kind, int Seed, string? Schedule)
{
    public const string SearchFolderName = "pruning-search";

    public bool IsSearch => Kind == ComparisonCellKinds.PruningSearch;

    /// <summary>Its folder relative to the comparison, e.g. "seed3/autolr" or "seed3/pruning-search"; also its name in messages.</summary>
    public string Folder => $"seed{Seed}/{(IsSearch ? SearchFolderName : Schedule)}";

    /// <summary>
    /// The cells of a comparison in index order: with the depth searched, every seed's pruning search first (one
    /// array the method cells can wait for), then every method of every seed, seed by seed.
    /// </summary>
    public static IReadOnlyList<ComparisonCell> Of(IReadOnlyList<string> schedules, IReadOnlyList<int> seeds, bool searchesDepth)
    {
        var searches = searchesDepth ? seeds.Select(s => (ComparisonCellKinds.PruningSearch, s, (string?)null)) : [];
        var methods = seeds.SelectMany(s => schedules.Select(m => (ComparisonCellKinds.Method, s, (string?)m)));
        return searches.Concat(methods).Select((c, i) => new ComparisonCell(i, c.Item1, c.Item2, c.Item3)).ToList();
    }

    /// <summary>The schedule its settings name: a pruning search fine-tunes every depth with a single LR.</summary>
    public string TrainedSchedule => Schedule ?? ScheduleCatalog.name(ScheduleCatalog.single);

    public ComparisonCellEntry Entry => new(Index, Kind, Seed, Schedule, Folder);
}
