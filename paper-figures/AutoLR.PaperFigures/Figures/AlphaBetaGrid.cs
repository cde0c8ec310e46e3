using AutoLR.PaperFigures.Runs;
using AutoLR.PaperFigures.Statistics;

namespace AutoLR.PaperFigures.Figures;

/// <summary>
/// The numbers behind Fig. 3 for one data set: Recall@1 of the sweep runs at each (α, β), over seeds. A cell is
/// marked empty-range when a run of it recorded <c>empty-target-range</c> in epoch 1 (β·max v ≤ α·min v, eq. 11:
/// no target ramp existed, so AutoLR accepted the first trial as it was; the paper hatches these cells).
/// </summary>
public sealed record AlphaBetaGrid(
    string Dataset,
    IReadOnlyList<double> Alphas,
    IReadOnlyList<double> Betas,
    IReadOnlyDictionary<(double Alpha, double Beta), AlphaBetaCell> Cells)
{
    /// <summary>One grid per data set from the runs whose results.json has command "sweep" and both α and β.</summary>
    public static IReadOnlyList<AlphaBetaGrid> Build(IReadOnlyList<RunDirectory> runs) =>
        runs.Where(r => r.Results is { Command: Commands.Sweep, Alpha: not null, Beta: not null })
            .GroupBy(r => r.Results!.Dataset)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(dataset =>
            {
                var cells = dataset
                    .GroupBy(r => (Alpha: r.Results!.Alpha!.Value, Beta: r.Results.Beta!.Value))
                    .ToDictionary(
                        cell => cell.Key,
                        cell => new AlphaBetaCell(
                            Spread.Of(cell.Select(r => r.Results!.RecallAtK.GetValueOrDefault(1, double.NaN))),
                            cell.Count(r => AcceptedTrials.HadEmptyTargetRange(r.Trace)),
                            cell.Count()));
                return new AlphaBetaGrid(
                    dataset.Key,
                    cells.Keys.Select(k => k.Alpha).Distinct().Order().ToList(),
                    cells.Keys.Select(k => k.Beta).Distinct().Order().ToList(),
                    cells);
            })
            .ToList();
}

/// <summary>Recall@1 of one (α, β) over its runs, and how many of them had an empty target range in epoch 1.</summary>
public sealed record AlphaBetaCell(Spread RecallAt1, int EmptyRangeRuns, int Runs)
{
    public bool EmptyRange => EmptyRangeRuns > 0;
}
