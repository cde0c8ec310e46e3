using AutoLR.Algorithms;
using AutoLR.Experiments.Results;
using AutoLR.Experiments.Stages;
using AutoLR.Runs;
using AutoLR.Settings;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Training;
using AutoLR.Torch.Weights;

namespace AutoLR.Experiments.Plans;

/// <summary>
/// Algorithm 1 as stages (the F# <see cref="PruningSearch"/> decides each next depth, replayed from the finished
/// stages), optionally followed by the AutoLR fine-tune at the chosen depth (`run`). Every depth is fine-tuned with a
/// single LR from the pre-trained weights on the training classes minus the selection classes and scored by Recall@1
/// on the selection split. `run` and `prune` also evaluate each depth on the test split as it is trained — so the
/// "single LR" (depth 0) and "pruning only" rows of `run` need no retraining; a comparison's search leaves the test
/// split alone (<c>testSealed</c>), since its methods are scored there.
/// </summary>
public sealed class PruningPlan : IStagePlan
{
    public const string FinalLabel = "autolr";

    private readonly Experiment _experiment;
    private readonly RunSettings _settings;
    private readonly string _folder;
    private readonly bool _thenAutoLr;
    private readonly bool _testSealed;
    private readonly IImageDataset _train;
    private readonly IImageDataset? _validation;

    /// <summary>`run` and `prune`: the search with the run's own settings, selecting on the split --selection names.</summary>
    public PruningPlan(Experiment experiment, string folder, bool thenAutoLr) : this(experiment, experiment.Settings, folder, thenAutoLr, testSealed: false)
    {
    }

    /// <param name="experiment">The data, weights and device.</param>
    /// <param name="settings">The search's settings (a comparison cell's: its seed carves the validation split).</param>
    /// <param name="folder">Where the depths' traces and metrics go.</param>
    /// <param name="thenAutoLr">Fine-tune with AutoLR at the chosen depth afterwards (`run`).</param>
    /// <param name="testSealed">Select on validation whatever --selection says, and never score the test split.</param>
    public PruningPlan(Experiment experiment, RunSettings settings, string folder, bool thenAutoLr, bool testSealed)
    {
        _experiment = experiment;
        _settings = settings;
        _folder = folder;
        _thenAutoLr = thenAutoLr;
        _testSealed = testSealed;
        if (testSealed || SelectionModes.Parse(_settings.Get(SelectionSettings.Selection)) == SelectionMode.Validation)
        {
            var (train, validation) = experiment.CarveValidation(settings.Get(TrainingSettings.Seed));
            ValidationSize.Require(validation, experiment.Data.Train.ClassCount, _settings.Get(SelectionSettings.ValidationFraction));
            (_train, _validation) = (train, validation);
            SelectionDescription = validation.Description;
        }
        else
        {
            _train = experiment.Data.Train;
            SelectionDescription = "the test split (--selection test, the paper's protocol)";
        }
        MaxDepth = Math.Min(_settings.Get(SelectionSettings.MaxPruningDepth), experiment.BlockCount - 1);
    }

    /// <summary>The deepest pruning tried: --max-pruning-depth, capped below K.</summary>
    public int MaxDepth { get; }

    public string SelectionDescription { get; }

    /// <summary>The search's outcome once every depth it asked for is scored; null before.</summary>
    public PruningResult? Search(IReadOnlyList<StageResult> done)
    {
        var (decision, state) = PruningSearch.start(MaxDepth);
        foreach (var depth in done.Where(r => r.Phase == "prune")) (decision, state) = PruningSearch.observe(state, depth.Selection![1]);
        return decision is PruningDecision.Finished finished ? finished.Item : null;
    }

    public StageSpec? Next(IReadOnlyList<StageResult> done)
    {
        var result = Search(done);
        if (result is null)
        {
            var depth = done.Count(r => r.Phase == "prune");
            return new StageSpec($"prune-depth-{depth}", "prune", depth, ScheduleCatalog.single, _train,
                Path.Combine(_folder, $"trace-depth-{depth}.jsonl"), _folder, _settings);
        }
        if (!_thenAutoLr || done.Any(r => r.Label == FinalLabel)) return null;
        return new StageSpec(FinalLabel, "finetune", result.BestDepth, ScheduleChoice.AutoLr, _train, Path.Combine(_folder, RunFolder.TraceFileName), _folder, _settings);
    }

    public (Dictionary<int, double>? Selection, Dictionary<int, double> Test) Score(StageSpec stage, RetrievalNetwork network, CancellationToken cancellation)
    {
        var test = _testSealed ? new Dictionary<int, double>() : RecallText.ToDictionary(_experiment.ScoreTest(network.Backbone, cancellation));
        if (stage.Phase != "prune")
        {
            BackboneWeights.Save(network.Backbone, FinalWeightsOf(stage)!);
            return (null, test);
        }
        var selection = _validation is null ? test : RecallText.ToDictionary(_experiment.Score(network.Backbone, _validation, cancellation));
        return (selection, test);
    }

    /// <summary>The AutoLR fine-tune of `run` keeps its weights; the pruning depths keep none.</summary>
    public string? FinalWeightsOf(StageSpec stage) => stage.Phase == "prune" ? null : Path.Combine(_folder, FinalWeights.FileName);
}
