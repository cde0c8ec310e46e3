using AutoLR.Algorithms;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Runs;
using AutoLR.RunFormat.Trace;
using AutoLR.PaperFigures.Statistics;

namespace AutoLR.PaperFigures.Figures;

/// <summary>
/// The numbers behind Fig. 3 for one data set: Recall@1 of the sweep runs at each (α, β), over seeds. A cell is
/// marked empty-range when a run of it recorded <c>empty-target-range</c> in epoch 1 (β·max v ≤ α·min v, eq. 11:
/// no target ramp existed, so AutoLR accepted the first trial as it was; the paper hatches these cells).
/// <c>Apart</c> is " [BaseLr 0.01]" where another grid of the same data set differs in other settings, else "".
/// </summary>
public sealed record AlphaBetaGrid(
    string Dataset,
    string Apart,
    IReadOnlyList<double> Alphas,
    IReadOnlyList<double> Betas,
    IReadOnlyDictionary<(double Alpha, double Beta), AlphaBetaCell> Cells)
{
    /// <summary>
    /// One grid per configuration but α and β (every other recorded setting equal, so a sweep at another base LR is
    /// a grid of its own) from the runs whose results.json has command "sweep" and both α and β.
    /// </summary>
    public static IReadOnlyList<AlphaBetaGrid> Build(IReadOnlyList<RunDirectory> runs)
    {
        var sweeps = runs.Where(r => r.Results is { Command: RunCommands.Sweep, Alpha: not null, Beta: not null })
            .GroupBy(r => AxesLeftOut(r.Results!.Configuration))
            .OrderBy(g => g.Key.Dataset, StringComparer.Ordinal)
            .ToList();
        var apart = ConfigurationKey.SetApart(sweeps.Select(g => g.Key));
        return sweeps
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
                    dataset.Key.Dataset,
                    apart[dataset.Key],
                    cells.Keys.Select(k => k.Alpha).Distinct().Order().ToList(),
                    cells.Keys.Select(k => k.Beta).Distinct().Order().ToList(),
                    cells);
            })
            .ToList();
    }

    /// <summary>A sweep run's configuration without the grid's axes, α and β (as fields and as settings).</summary>
    private static ConfigurationKey AxesLeftOut(ConfigurationKey configuration) =>
        configuration with { Alpha = null, Beta = null, Settings = RecordedSettings.Without(configuration.Settings, ControllerSettings.alpha.Name, ControllerSettings.beta.Name) };
}

/// <summary>Recall@1 of one (α, β) over its runs, and how many of them had an empty target range in epoch 1.</summary>
public sealed record AlphaBetaCell(Spread RecallAt1, int EmptyRangeRuns, int Runs)
{
    public bool EmptyRange => EmptyRangeRuns > 0;
}
