using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Runs;
using AutoLR.PaperFigures.Statistics;

namespace AutoLR.PaperFigures.Tables;

/// <summary>
/// Final Recall@K per configuration: runs whose results.json is neither a prune nor a sweep run, grouped by
/// everything but the seed, with mean and spread per K. Shared by Tables 2 and 5.
/// </summary>
public sealed record RecallRow(ConfigurationKey Configuration, IReadOnlyDictionary<int, Spread> RecallAtK, int Runs)
{
    public static IReadOnlyList<RecallRow> Build(IEnumerable<RunDirectory> runs) =>
        FinalRuns(runs)
            .GroupBy(r => r.Configuration)
            .Select(g => new RecallRow(
                g.Key,
                g.SelectMany(r => r.RecallAtK.Keys).Distinct().Order()
                    .ToDictionary(k => k, k => Spread.Of(g.Select(r => r.RecallAtK.GetValueOrDefault(k, double.NaN)))),
                g.Count()))
            .ToList();

    public static IEnumerable<RunResults> FinalRuns(IEnumerable<RunDirectory> runs) =>
        runs.Select(r => r.Results).OfType<RunResults>().Where(r => r.Command is not (RunCommands.Prune or RunCommands.Sweep));

    /// <summary>The K of every Recall@K any of the rows has, ascending.</summary>
    public static IReadOnlyList<int> Ks(IEnumerable<IReadOnlyDictionary<int, Spread>> maps) =>
        maps.SelectMany(m => m.Keys).Distinct().Order().ToList();

    public static IEnumerable<string> Cells(IReadOnlyDictionary<int, Spread> map, IReadOnlyList<int> ks) =>
        ks.Select(k => map.TryGetValue(k, out var s) ? s.Percent() : "—");
}
