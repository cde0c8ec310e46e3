using AutoLR.Experiments.Comparison;
using AutoLR.Integration.Engine;
using AutoLR.Integration.Host;
using AutoLR.RunFormat.Comparisons;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Statistics;

namespace AutoLR.Integration.Jobs;

/// <summary>
/// A comparison of AutoLR and single LR on seeds 1 and 2 with the depth searched per seed, run in this process one
/// cell after another with one thread: the reference every other way of running it must equal.
/// </summary>
public sealed class SequentialComparison() : UninterruptedRun(Arguments)
{
    public static readonly string[] Arguments =
        ["compare", "--schedules", "autolr,single", "--seeds", "1,2", "--image-size", "32", "--images-per-class", "8", "--batch-size", "8",
         "--threads", "1", "--epochs", "1", "--max-pruning-depth", "1"];
}

/// <summary>
/// `autolr compare`: per seed the pruning search chooses the depth on validation, every method's grid is tuned there
/// at that depth, the chosen point is scored once on a sealed test split; cells run here or side by side in child
/// processes with the same results, a killed comparison resumes with its finished cells kept, and a cell whose
/// process dies of a signal is reported with its cause and run again on resume.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(TorchGlobalStateCollection.Name)]
public class CompareJobTests(SequentialComparison reference) : IClassFixture<SequentialComparison>
{
    /// <summary>
    /// Every grid point of each method is a tuning stage scored on validation only (no results.json), the chosen
    /// point's final stage writes results.json (command compare, the chosen point), the pruning search never touches
    /// the test split, and report.md says which depth each seed used and why and holds the paired statistics. The
    /// test split is sealed during tuning and the search, so a path that read it would have failed the run.
    /// </summary>
    [Fact]
    public async Task Compare_searches_the_depth_tunes_on_validation_and_scores_the_chosen_point_once_on_test()
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(reference.Cache,
            ["compare", "--schedules", "single,lp-ft", "--seeds", "1", "--image-size", "32", "--images-per-class", "8", "--batch-size", "8",
             "--threads", "1", "--epochs", "1", "--max-pruning-depth", "1", "--output", output]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var run = AutoLrChild.RunFolder(output);
        var search = ComparisonCellFile.Read(Path.Combine(run, "seed1", ComparisonCell.SearchFolderName, ComparisonCellFile.FileName));
        Assert.Equal([0, 1], search.Stages.Select(s => s.Depth).Take(2));
        Assert.All(search.Stages, s => Assert.Null(s.TestRecallAtK));
        Assert.False(File.Exists(Path.Combine(run, "seed1", ComparisonCell.SearchFolderName, "results.json")), "the pruning search wrote test results");
        foreach (var (schedule, points) in new[] { ("single", 3), ("lp-ft", 6) })
        {
            for (var i = 0; i < points; i++)
                Assert.False(File.Exists(Path.Combine(run, $"seed1/{schedule}", ComparisonPlan.TuneLabel(i), "results.json")), "a tuning stage wrote test results");
            var results = ResultsFile.Read(Path.Combine(run, $"seed1/{schedule}", ComparisonPlan.Final, "results.json"));
            Assert.Equal(("compare", schedule, search.Depth), (results.Command, results.Schedule, results.PruningDepth));
            Assert.StartsWith("base-lr=", results.ChosenPoint);
        }
        var report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Matches($@"\| 1 \| {search.Depth} \| the score (fell|did not fall) ", report);
        Assert.Contains("| lp-ft | base-lr ∈", report);
        Assert.Contains("## Paired statistics: single − method", report);
        Assert.Contains(CollapseRule.Default.Definition, report);
    }

    /// <summary>
    /// `--compare-lr-factors 1` leaves each method one grid point: no tuning stage runs (the validation split serves the
    /// pruning search alone), the point is trained on the whole training split and scored once, and report.md says so.
    /// </summary>
    [Fact]
    public async Task One_lr_factor_trains_the_one_point_without_tuning()
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(reference.Cache,
            ["compare", "--schedules", "single", "--seeds", "1", "--compare-lr-factors", "2", "--image-size", "32", "--images-per-class", "8",
             "--batch-size", "8", "--threads", "1", "--epochs", "1", "--max-pruning-depth", "1", "--output", output]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var run = AutoLrChild.RunFolder(output);
        Assert.False(Directory.Exists(Path.Combine(run, "seed1/single", ComparisonPlan.TuneLabel(0))), "a grid of one point was tuned");
        var results = ResultsFile.Read(Path.Combine(run, "seed1/single", ComparisonPlan.Final, "results.json"));
        Assert.Equal("base-lr=0.02", results.ChosenPoint);
        Assert.Contains("| single | base-lr = 0.02, not tuned | base-lr=0.02 |", File.ReadAllText(Path.Combine(run, "report.md")));
    }

    /// <summary>
    /// `--jobs 2` runs the cells in two child processes; killed with SIGKILL once the pruning searches have finished and
    /// a method cell is mid-way (its children die with it), then resumed: the finished cells are kept as they were
    /// (not run again), the others continue from their checkpoints, and every cell ends with the scores and trace of
    /// the sequential run with the same thread count.
    /// </summary>
    [Fact]
    public async Task Side_by_side_and_killed_then_resumed_equals_the_sequential_run()
    {
        var output = HostRun.NewTemporaryFolder();
        using (var child = WatchedChild.Start(AutoLrChild.StartInfo(reference.Cache, [.. reference.Args, "--jobs", "2", "--output", output])))
        {
            // A method cell's second tuning stage has finished (it has a checkpoint), so every pruning search has too.
            await child.WaitForLineAsync(line => line.Contains("tune1: selection split", StringComparison.Ordinal), "finished a second tuning stage");
            await child.SignalAsync("KILL");
            await child.WaitForExitAsync("die of SIGKILL");
        }
        var run = AutoLrChild.RunFolder(output);
        var folder = ComparisonFolder.Open(run);
        var kept = folder.Cells.Where(folder.IsFinished).ToDictionary(c => c.Index, c => Snapshot(folder, c));
        Assert.Contains(kept.Keys, i => folder.Cells[i].IsSearch);
        Assert.Contains(folder.Cells, c => !folder.IsFinished(c) && folder.HasCheckpoint(c));

        var resumed = await AutoLrChild.RunAsync(reference.Cache, ["compare", "--resume", run, "--jobs", "2"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());

        foreach (var (index, before) in kept) Assert.Equal(before, Snapshot(folder, folder.Cells[index]));
        AssertSameCells(reference.Run, run);
        Assert.Contains("- **threads per process**: 1", File.ReadAllText(Path.Combine(run, "report.md")));
    }

    /// <summary>
    /// A cell whose child process dies of a native SIGFPE in its final stage is reported naming the cell and the
    /// signal (exit 1), recorded in its failure.json and shown by compare-status; the resumed comparison runs it again
    /// from its checkpoint and it ends as in the sequential run.
    /// </summary>
    [Fact]
    public async Task A_cell_killed_by_a_signal_is_reported_with_its_cause_and_run_again_on_resume()
    {
        var output = HostRun.NewTemporaryFolder();
        var start = AutoLrChild.StartInfo(reference.Cache,
            ["compare", "--schedules", "single", "--seeds", "2", .. reference.Args.Skip(5), "--jobs", "2", "--output", output]);
        start.Environment[TestHostProgram.NativeFaultVariable] = "final, epoch 1/1:";
        start.Environment[TestHostProgram.NativeFaultScopeVariable] = "jobs";
        using (var child = WatchedChild.Start(start))
        {
            var exit = await child.WaitForExitAsync("report the failed cell");
            Assert.True(exit == 1, $"exit {exit}\n{child.Out}\n{child.Error}");
            Assert.Contains("cell 1 (seed2/single): its process (autolr compare-cell --index 1) was killed by SIGFPE", child.Error);
            Assert.Contains($"autolr compare --resume", child.Error);
            AutoLrChild.AssertNoStackTrace(child.Error);
        }
        var run = AutoLrChild.RunFolder(output);
        var folder = ComparisonFolder.Open(run);
        Assert.Equal("SIGFPE", folder.Failure(folder.Cells[1])?.Signal);
        Assert.True(folder.IsFinished(folder.Cells[0]), "the pruning search, which did not crash, finished");
        var status = await AutoLrChild.RunAsync(reference.Cache, ["compare-status", "--comparison", run]);
        Assert.Matches(@"(?m)^\s*1  failed \(SIGFPE\)\s+seed2/single", status.Out);

        var resumed = await AutoLrChild.RunAsync(reference.Cache, ["compare", "--resume", run]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        AssertSameCell(Path.Combine(reference.Run, "seed2/single"), Path.Combine(run, "seed2/single"));
    }

    /// <summary>A sealed test split refuses every read, and serves them once unsealed.</summary>
    [Fact]
    public void A_sealed_test_split_throws_on_any_read_until_unsealed()
    {
        using var data = SyntheticImages.Create(count: 8);
        var test = new SealedTestSplit(data);
        Assert.Throws<InvalidOperationException>(() => test.Count);
        Assert.Throws<InvalidOperationException>(() => test.Labels);
        Assert.Throws<InvalidOperationException>(() => test.GetImage(0));
        Assert.Throws<InvalidOperationException>(() => test.GetBatch([0, 1]));
        test.Unseal();
        Assert.Equal(8, test.Count);
        test.Seal();
        Assert.Throws<InvalidOperationException>(() => test.ClassCount);
    }

    private static (string Text, DateTime Written) Snapshot(ComparisonFolder folder, ComparisonCell cell)
    {
        var file = Path.Combine(folder.CellFolder(cell), ComparisonCellFile.FileName);
        return (File.ReadAllText(file), File.GetLastWriteTimeUtc(file));
    }

    /// <summary>Every cell of the two comparisons scored and chose alike and trained its final stage alike.</summary>
    private static void AssertSameCells(string expected, string actual)
    {
        var cells = ComparisonFolder.Open(expected).Cells;
        Assert.Equal(cells, ComparisonFolder.Open(actual).Cells);
        foreach (var cell in cells) AssertSameCell(Path.Combine(expected, cell.Folder), Path.Combine(actual, cell.Folder));
    }

    private static void AssertSameCell(string expected, string actual)
    {
        var (a, b) = (ComparisonCellFile.Read(Path.Combine(expected, ComparisonCellFile.FileName)), ComparisonCellFile.Read(Path.Combine(actual, ComparisonCellFile.FileName)));
        Assert.Equal((a.Depth, a.ChosenPoint, a.Threads), (b.Depth, b.ChosenPoint, b.Threads));
        Assert.Equal(a.TestRecallAtK, b.TestRecallAtK);
        Assert.Equal(a.Stages.Select(s => (s.Label, s.Point, s.ValidationRecallAtK, s.TestRecallAtK, s.EpochsExecuted)),
            b.Stages.Select(s => (s.Label, s.Point, s.ValidationRecallAtK, s.TestRecallAtK, s.EpochsExecuted)), new StageComparer());
        if (a.Kind == ComparisonCellKinds.Method)
            Assert.Equal(AutoLrChild.WithoutSeconds(Path.Combine(expected, ComparisonPlan.Final, "trace.jsonl")),
                AutoLrChild.WithoutSeconds(Path.Combine(actual, ComparisonPlan.Final, "trace.jsonl")));
    }

    /// <summary>Stages alike: same label, point, epochs and the very same Recall@K values.</summary>
    private sealed class StageComparer : IEqualityComparer<(string, string?, IReadOnlyDictionary<int, double>?, IReadOnlyDictionary<int, double>?, double)>
    {
        public bool Equals((string, string?, IReadOnlyDictionary<int, double>?, IReadOnlyDictionary<int, double>?, double) x,
            (string, string?, IReadOnlyDictionary<int, double>?, IReadOnlyDictionary<int, double>?, double) y) =>
            x.Item1 == y.Item1 && x.Item2 == y.Item2 && Same(x.Item3, y.Item3) && Same(x.Item4, y.Item4) && x.Item5 == y.Item5;

        public int GetHashCode((string, string?, IReadOnlyDictionary<int, double>?, IReadOnlyDictionary<int, double>?, double) obj) => obj.Item1.GetHashCode();

        private static bool Same(IReadOnlyDictionary<int, double>? a, IReadOnlyDictionary<int, double>? b) =>
            a is null ? b is null : b is not null && a.OrderBy(p => p.Key).SequenceEqual(b.OrderBy(p => p.Key));
    }
}
