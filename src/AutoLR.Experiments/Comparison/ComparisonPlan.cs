using System.Globalization;
using AutoLR.Experiments.Results;
using AutoLR.Experiments.Stages;
using AutoLR.Runs;
using AutoLR.Settings;
using AutoLR.Settings.Grids;
using AutoLR.RunFormat.Runs;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Data.Splits;
using AutoLR.Algorithms;
using AutoLR.Torch.Training;
using AutoLR.Torch.Weights;

namespace AutoLR.Experiments.Comparison;

/// <summary>
/// One method on one seed of `compare`, as stages of its cell: every point of the method's grid
/// (<see cref="ComparisonGrid"/>) is fine-tuned at the cell's pruning depth on the training classes minus the seed's
/// class-disjoint validation split and scored on that validation split (<c>tune0</c>, <c>tune1</c>, ...); the point
/// with the best validation R@1 (the first in grid order on a tie) is then fine-tuned on the whole training split and
/// scored once on the test split (<c>final</c>, which writes results.json). The seed fixes the split, the initial
/// head, the data order and the flips, so every method of a seed sees the same ones. The test split is sealed
/// (<see cref="SealedTestSplit"/>) except while the final stage is scored. Like every plan, a pure function of the
/// finished stages: a resumed cell takes the same path.
/// </summary>
public sealed class ComparisonPlan(Experiment experiment, SealedTestSplit test, string cellPath, RunSettings settings, int depth) : IStagePlan
{
    public const string Tune = "tune";
    public const string Final = "final";

    private readonly string _schedule = settings.Get(ScheduleSettings.schedule);
    private (IRetrievalSplit Train, IRetrievalSplit Validation)? _split;
    private GridPoint? _chosen;

    public IReadOnlyList<GridPoint> Grid { get; } =
        ComparisonGrid.For(settings.Get(ScheduleSettings.schedule), settings.Get(LearningRateSettings.baseLr), ComparisonSettings.LrFactors(settings.Values));

    public StageSpec? Next(IReadOnlyList<StageResult> done)
    {
        // A grid of one point has nothing to choose between: no tuning stage, the point goes straight to the final stage.
        for (var i = 0; i < Grid.Count && Grid.Count > 1; i++)
        {
            var label = TuneLabel(i);
            if (done.All(r => r.Label != label)) return Spec(label, Tune, Grid[i], Split().Train);
        }
        if (done.Any(r => r.Label == Final)) return null;
        _chosen = Chosen(done);
        return Spec(Final, Final, _chosen, experiment.Data.Train);
    }

    public (Dictionary<int, double>? Selection, Dictionary<int, double> Test) Score(StageSpec stage, RetrievalNetwork network, CancellationToken cancellation)
    {
        if (stage.Phase == Tune) return (RecallText.ToDictionary(experiment.Score(network.Backbone, Split().Validation, cancellation)), []);
        test.Unseal();
        try
        {
            var scores = RecallText.ToDictionary(experiment.Score(network.Backbone, test, cancellation));
            FinishedRun.Write(stage.Folder, FinishedRun.Results(RunCommands.Compare, stage.Settings, experiment.BlockCount, stage.Depth, stage.ScheduleName, scores) with
            {
                ChosenPoint = _chosen!.Label,
            });
            return (null, scores);
        }
        finally
        {
            test.Seal();
        }
    }

    /// <summary>The grid point with the best validation R@1 among the finished tuning stages, the first in grid order on a tie.</summary>
    public GridPoint Chosen(IReadOnlyList<StageResult> done)
    {
        if (Grid.Count == 1) return Grid[0];
        var best = Enumerable.Range(0, Grid.Count)
            .Select(i => (Index: i, Score: done.Single(r => r.Label == TuneLabel(i)).Selection![1]))
            .Aggregate((a, b) => b.Score > a.Score ? b : a);
        return Grid[best.Index];
    }

    public static string TuneLabel(int point) => $"{Tune}{point.ToString(CultureInfo.InvariantCulture)}";

    private StageSpec Spec(string label, string phase, GridPoint point, IImageDataset train)
    {
        var folder = Path.Combine(cellPath, label);
        Directory.CreateDirectory(folder);
        var cell = CellSettings.With(settings, point.Values);
        return new StageSpec(label, phase, depth, ScheduleSettings.choice(cell.Values), train, Path.Combine(folder, RunFolder.TraceFileName), folder, cell);
    }

    private (IRetrievalSplit Train, IRetrievalSplit Validation) Split() => _split ??= experiment.CarveValidation(settings.Get(TrainingSettings.Seed));
}
