using System.Globalization;
using System.Text.Json.Nodes;
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
/// `compare` as stages: for each seed, for each method, every point of its grid
/// (<see cref="ComparisonGrid"/>) is fine-tuned on the training classes minus a class-disjoint validation split and
/// scored on that validation split (phase <c>tune</c>); the point with the best validation R@1 (the first in grid
/// order on a tie) is then fine-tuned on the whole training split and scored once on the test split (phase
/// <c>final</c>). The seed fixes the split, the initial head, the data order and the flips, so every method of a seed
/// sees the same ones. The test split is sealed (<see cref="SealedTestSplit"/>) except while a final stage is scored.
/// Like every plan, a pure function of the finished stages: a resumed comparison takes the same path.
/// </summary>
public sealed class ComparisonPlan(Experiment experiment, SealedTestSplit test, string runPath, RunSettings settings,
    IReadOnlyList<string> schedules, IReadOnlyList<int> seeds) : IStagePlan
{
    public const string Tune = "tune";
    public const string Final = "final";

    private readonly Dictionary<int, (IRetrievalSplit Train, IRetrievalSplit Validation)> _splits = [];

    public StageSpec? Next(IReadOnlyList<StageResult> done)
    {
        foreach (var seed in seeds)
        foreach (var schedule in schedules)
        {
            var grid = ComparisonGrid.For(schedule, settings.Get(LearningRateSettings.baseLr));
            for (var i = 0; i < grid.Count; i++)
            {
                var label = TuneLabel(seed, schedule, i);
                if (done.All(r => r.Label != label))
                    return Spec(label, Tune, CellSettings.With(settings, Point(seed, schedule, grid[i])), Split(seed).Train);
            }
            var final = FinalLabel(seed, schedule);
            if (done.All(r => r.Label != final))
                return Spec(final, Final, CellSettings.With(settings, Point(seed, schedule, Chosen(done, seed, schedule))), experiment.Data.Train);
        }
        return null;
    }

    public (Dictionary<int, double>? Selection, Dictionary<int, double> Test) Score(StageSpec stage, RetrievalNetwork network, CancellationToken cancellation)
    {
        if (stage.Phase == Tune)
        {
            var validation = RecallText.ToDictionary(experiment.Score(network.Backbone, Split(stage.Settings.Get(TrainingSettings.Seed)).Validation, cancellation));
            return (validation, []);
        }
        test.Unseal();
        try
        {
            var scores = RecallText.ToDictionary(experiment.Score(network.Backbone, test, cancellation));
            FinishedRun.Write(stage.Folder, FinishedRun.Results(RunCommands.Compare, stage.Settings, experiment.BlockCount, stage.Depth, stage.ScheduleName, scores) with
            {
                ChosenPoint = PointOf(stage.ScheduleName, stage.Settings).Label,
            });
            return (null, scores);
        }
        finally
        {
            test.Seal();
        }
    }

    /// <summary>The grid point with the best validation R@1 among the finished tuning stages of (seed, schedule).</summary>
    public GridPoint Chosen(IReadOnlyList<StageResult> done, int seed, string schedule)
    {
        var grid = ComparisonGrid.For(schedule, settings.Get(LearningRateSettings.baseLr));
        var best = Enumerable.Range(0, grid.Count)
            .Select(i => (Index: i, Score: done.Single(r => r.Label == TuneLabel(seed, schedule, i)).Selection![1]))
            .Aggregate((a, b) => b.Score > a.Score ? b : a);
        return grid[best.Index];
    }

    public static string TuneLabel(int seed, string schedule, int point) => $"seed{seed}/{schedule}/{Tune}{point}";

    public static string FinalLabel(int seed, string schedule) => $"seed{seed}/{schedule}/{Final}";

    /// <summary>The grid point whose values <paramref name="cell"/> carries (a final stage's chosen point).</summary>
    public GridPoint PointOf(string schedule, RunSettings cell) =>
        ComparisonGrid.For(schedule, settings.Get(LearningRateSettings.baseLr)).Single(p => p.Values.All(v =>
            v.Setting.Parse(v.Value).Equals(cell.Values.Value(v.Setting))));

    private static IEnumerable<(Setting, string)> Point(int seed, string schedule, GridPoint point) =>
        [(TrainingSettings.Seed, seed.ToString(CultureInfo.InvariantCulture)), (ScheduleSettings.schedule, schedule), .. point.Values];

    private StageSpec Spec(string label, string phase, RunSettings cell, IImageDataset train)
    {
        var folder = Path.Combine(runPath, label);
        Directory.CreateDirectory(folder);
        return new StageSpec(label, phase, cell.Get(BackboneSettings.PruningDepth), ScheduleSettings.choice(cell.Values), train,
            Path.Combine(folder, RunFolder.TraceFileName), folder, cell);
    }

    private (IRetrievalSplit Train, IRetrievalSplit Validation) Split(int seed)
    {
        if (!_splits.TryGetValue(seed, out var split))
            _splits[seed] = split = JobFailure.Guard(() => ValidationSplit.Carve(experiment.Data.Train, settings.Get(SelectionSettings.ValidationFraction), seed));
        return split;
    }
}
