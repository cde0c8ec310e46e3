using AutoLR.Algorithms;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Runs;

namespace AutoLR.PaperFigures.Restatement;

/// <summary>
/// `restate-run`: the rows an `autolr run` keeps inside its results.json — the pruning search (every depth scored on
/// the validation split and on test) and the single-LR and pruning-only fine-tunes it trained on the way — restated
/// as results.json files of their own, so that Tables 1 and 2 read them like any run. Nothing is recomputed: each
/// number is copied from the run's results.json, with its settings. For each run ID it writes ID-prune (the search as
/// selected), ID-single (depth 0), ID-pruning-only (the chosen depth, unless that is 0: then it is the single-LR row)
/// and test/ID-prune (every depth's test scores: the paper selected on the test split).
/// </summary>
public sealed class RunRestatement : IArtifact
{
    /// <summary>What the test-split restatement says its selection is: scores only, the run chose on its own split.</summary>
    public const string TestScoresOnly = "test (scores only; the depth was selected on validation)";

    public string Name => "restate-run";

    public string Description => "results.json files of the pruning search, single-LR and pruning-only rows inside `autolr run` runs (for table1, table2)";

    public ArtifactOutcome Render(IReadOnlyList<RunDirectory> runs, string outputFolder, RenderOptions options)
    {
        var pipelines = runs.Where(r => r.Results?.Command == RunCommands.Run).ToList();
        if (pipelines.Count == 0) return ArtifactOutcome.Skip("no run whose results.json has command \"run\" was given");
        var files = new List<string>();
        foreach (var run in pipelines)
        foreach (var (folder, results) in Of(run.Name, run.Results!, System.IO.Path.Combine(run.Path, ResultsFile.FileName)))
        {
            var path = System.IO.Path.Combine(outputFolder, folder);
            Directory.CreateDirectory(path);
            files.Add(Artifacts.WriteText(path, ResultsFile.FileName, ResultsFile.Render(results)));
        }
        return ArtifactOutcome.Wrote(files);
    }

    /// <summary>The restated runs of one `run` (<paramref name="file"/> names its results.json in errors), by folder under the output.</summary>
    public static IReadOnlyList<(string Folder, RunResults Results)> Of(string id, RunResults run, string file)
    {
        IReadOnlyDictionary<int, double>? TestAt(int depth) => run.Pruning.FirstOrDefault(s => s.Depth == depth)?.TestRecallAtK;
        IReadOnlyDictionary<int, double> RequiredTestAt(int depth) =>
            TestAt(depth) ?? throw new RunFormatException($"{file}: 'pruning' has no test scores (testRecallAtK) for depth {depth}; it was not written by `autolr run`.");
        var single = ScheduleCatalog.name(ScheduleCatalog.single);
        // A fine-tune with one LR: the run's identity and settings, not its AutoLR parameters or pruning search.
        var singleLr = new RunResults(RunCommands.Run, run.Dataset, run.Backbone, run.Seed, single, run.PruningDepth, run.BlockCount,
            null, null, run.Epochs, run.RecallAtK, run.Settings);
        var search = singleLr with { Command = RunCommands.Prune };
        List<(string, RunResults)> restated =
        [
            ($"{id}-prune", search with
            {
                RecallAtK = TestAt(run.PruningDepth) ?? new Dictionary<int, double>(),
                Pruning = [.. run.Pruning.Select(s => new DepthScore(s.Depth, s.RecallAtK))],
                Selection = run.Selection ?? "validation",
            }),
            ($"{id}-single", singleLr with { PruningDepth = 0, RecallAtK = RequiredTestAt(0) }),
        ];
        if (run.PruningDepth != 0) restated.Add(($"{id}-pruning-only", singleLr with { RecallAtK = RequiredTestAt(run.PruningDepth) }));
        restated.Add((System.IO.Path.Combine("test", $"{id}-prune"), search with
        {
            Pruning = [.. run.Pruning.Where(s => s.TestRecallAtK is not null).Select(s => new DepthScore(s.Depth, s.TestRecallAtK!))],
            Selection = TestScoresOnly,
        }));
        return restated;
    }
}
