namespace AutoLR.RunFormat.Results;

/// <summary>
/// results.json: what a finished run measured and under which configuration (the contract is
/// paper-figures/RUN-DIRECTORY.md). Recall@K values are fractions in [0, 1]. The fields after
/// <see cref="Settings"/> are written only by the commands that have them: <see cref="Summary"/> by `run`,
/// <see cref="Pruning"/>, <see cref="Selection"/> and <see cref="SelectionSaturated"/> by `run` and `prune`,
/// <see cref="StoppedBecause"/> by `prune`, <see cref="ChosenPoint"/> by the final stages of `compare`.
/// </summary>
/// <param name="Command">The command that made the run (<see cref="Runs.RunCommands"/>).</param>
/// <param name="Dataset">The data set name.</param>
/// <param name="Backbone">e.g. "cntk-resnet18"; part of a configuration's identity.</param>
/// <param name="Seed">Runs that differ only in seed are repeats of one configuration.</param>
/// <param name="Schedule">autolr or a baseline (<see cref="AutoLR.Algorithms.ScheduleCatalog"/>).</param>
/// <param name="Alpha">AutoLR's α (eqs. 10–11): AutoLR runs and sweep cells only.</param>
/// <param name="Beta">AutoLR's β, as <paramref name="Alpha"/>.</param>
/// <param name="PruningDepth">The depth trained (a prune run: the one the search selected).</param>
/// <param name="BlockCount">K of the unpruned backbone.</param>
/// <param name="Epochs">Epochs the run was set to train.</param>
/// <param name="RecallAtK">Final Recall@K on the test split.</param>
/// <param name="Settings">Every resolved setting but the output folder.</param>
public sealed record RunResults(
    string Command,
    string Dataset,
    string? Backbone,
    int Seed,
    string Schedule,
    int PruningDepth,
    int? BlockCount,
    double? Alpha,
    double? Beta,
    int? Epochs,
    IReadOnlyDictionary<int, double> RecallAtK,
    RecordedSettings Settings)
{
    /// <summary>`run`: the single-LR, pruning-only and pruning + AutoLR rows on the test split.</summary>
    public IReadOnlyList<MethodRecall> Summary { get; init; } = [];

    /// <summary>`run`, `prune`: every depth the search trained (required for a prune run).</summary>
    public IReadOnlyList<DepthScore> Pruning { get; init; } = [];

    /// <summary>The split the search selected on: "validation" or "test" (or, restated, a description of it).</summary>
    public string? Selection { get; init; }

    /// <summary>`prune`: why Algorithm 1 stopped.</summary>
    public string? StoppedBecause { get; init; }

    /// <summary>True when every depth scored the same on the selection split, so it could not tell them apart.</summary>
    public bool? SelectionSaturated { get; init; }

    /// <summary>`compare`: the grid point chosen on validation, e.g. "base-lr=0.01".</summary>
    public string? ChosenPoint { get; init; }

    /// <summary>
    /// `run`, `finetune`, sweep cells: SHA-256 (lower-case hex) of the weights.safetensors the run left, so that the
    /// weights in a run directory can be checked to be its own. Absent in runs written before it was recorded.
    /// </summary>
    public string? WeightsSha256 { get; init; }

    /// <summary>
    /// Runs of the same configuration differ only in seed; this key is everything else (what a table row averages
    /// over): what the run did, and every recorded setting but the seed (<see cref="RecordedSettings"/>).
    /// </summary>
    public ConfigurationKey Configuration =>
        new(Command, Dataset, Backbone, Schedule, PruningDepth, Alpha, Beta, Epochs, Settings.WithoutSeed);
}

/// <summary>
/// The score of one pruning depth tried by Algorithm 1: on the split it selected on (what it compared) and, where the
/// run scored it there too, on the test split.
/// </summary>
public sealed record DepthScore(int Depth, IReadOnlyDictionary<int, double> RecallAtK, IReadOnlyDictionary<int, double>? TestRecallAtK = null);

/// <summary>One row of `run`'s comparison: a method (e.g. "pruning only"), its depth and its test Recall@K.</summary>
public sealed record MethodRecall(string Method, int PruningDepth, IReadOnlyDictionary<int, double> RecallAtK);
