using System.Globalization;
using System.Text.RegularExpressions;
using AutoLR.RunFormat.Comparisons;
using AutoLR.RunFormat.Statistics;

namespace AutoLR.Integration.RunFormat;

/// <summary>
/// The comparison's report as report.md and the paper-figures `comparison` artifact print it, on the worked example of
/// <see cref="PairedStatisticsTests"/> (eight paired seeds; A wins six by one to three points and collapses once,
/// seed 5; B collapses on seed 10, which A did not run): every number written is the one worked out by hand there,
/// rounded as printed.
/// </summary>
public sealed partial class ComparisonReportTests
{
    private static readonly MethodScores A = new("A", new Dictionary<int, double>
    {
        [1] = 0.91, [2] = 0.92, [3] = 0.90, [4] = 0.93, [5] = 0.69, [6] = 0.91, [7] = 0.92, [8] = 0.90, [9] = 0.95,
    });

    private static readonly MethodScores B = new("B", new Dictionary<int, double>
    {
        [8] = 0.88, [7] = 0.90, [6] = 0.89, [5] = 0.90, [4] = 0.90, [3] = 0.91, [2] = 0.90, [1] = 0.90, [10] = 0.50,
    });

    [Fact]
    public void The_paired_tables_state_every_statistic_of_the_worked_example()
    {
        var text = PairedStatisticsMarkdown.Render(A, [A, B], CollapseRule.Default);

        // Differences +1 +2 −1 +3 −21 +2 +2 +2: mean −1.25, sd 8.0667, t₇ = 2.365 → ±6.7450; IQM +1.75. Without seed 5
        // (A collapsed) and seed 10 (B's, unpaired): 7 seeds, mean +1.5714, sd 1.2724, t₆ = 2.447 → [+0.39, +2.75].
        var row = Assert.Single(text.Split('\n'), l => l.StartsWith("| B | 8 |", StringComparison.Ordinal));
        Assert.StartsWith("| B | 8 | 1: +1.00; 2: +2.00; 3: -1.00; 4: +3.00; 5: -21.00; 6: +2.00; 7: +2.00; 8: +2.00 | -1.25 [-7.99, +5.49] | [", row);
        Assert.EndsWith("| +1.75 | +1.57 [+0.39, +2.75] (7) |", row);
        var bootstrap = BootstrapInterval().Match(row);
        Assert.True(bootstrap.Success, row);
        Assert.InRange(-1.25, Number(bootstrap.Groups[1].Value), Number(bootstrap.Groups[2].Value));
        // Sign test 74/256, Wilcoxon 64/256 (exact), P(A > B) 48/64, seeds for ±1 / ±2 points 253 / 65.
        Assert.Matches(@"\| B \| 6/0/2 \| 0\.289 \| 0\.250 \| 0\.75 \[0\.\d\d, (0\.\d\d|1\.00)\] \| 8\.07 \| 253 / 65 \|", text);
        Assert.Contains("- A − B: ±6.74 points at n = 8 (sd 8.07); a ±1-point interval needs 253 seeds and ±2 points 65 at that sd.", text);
        Assert.Contains(CollapseRule.Default.Definition, text);
    }

    [Fact]
    public void The_seed_table_marks_collapses_and_counts_them_per_method()
    {
        var text = SeedScoresMarkdown.Render([A, B], CollapseRule.Default, new Dictionary<int, int> { [1] = 3, [5] = 2 });

        Assert.Contains("| 1 | 3 | 91.00 | 90.00 |", text);
        Assert.Contains("| 5 | 2 | 69.00 (collapsed) | 90.00 |", text);
        Assert.Contains("| 9 | – | 95.00 | – |", text);
        Assert.Contains("| 10 | – | – | 50.00 (collapsed) |", text);
        // A: median 91, IQM of the middle five (90, 91, 91, 92, 92) 91.2, mean 89.22 ± 7.74; B: 90, 89.8, 85.33 ± 13.28.
        Assert.Contains("| A | 1 of 9 (seed 5) | 91.00 | 91.20 | 89.22 ± 7.74 (9) |", text);
        Assert.Contains("| B | 1 of 9 (seed 10) | 90.00 | 89.80 | 85.33 ± 13.28 (9) |", text);
    }

    [Fact]
    public void The_depth_table_says_where_and_why_each_seeds_search_stopped()
    {
        static ComparisonStageRecord Depth(int depth, double r1) =>
            new($"prune-depth-{depth}", "prune", depth, null, new Dictionary<int, double> { [1] = r1 }, null, 1, 1, []);
        var dropped = new ComparisonCellRecord(ComparisonCellKinds.PruningSearch, 1, null, 1, 3,
            [Depth(0, 0.90), Depth(1, 0.93), Depth(2, 0.95), Depth(3, 0.97), Depth(4, 0.965)]) { StoppedBecause = "score dropped", SelectionSaturated = false };
        var capped = new ComparisonCellRecord(ComparisonCellKinds.PruningSearch, 2, null, 1, 1, [Depth(0, 1.0), Depth(1, 1.0)])
        {
            StoppedBecause = "cap reached", SelectionSaturated = true,
        };

        var text = DepthChoiceMarkdown.Render([capped, dropped]);

        Assert.Contains("| 1 | 3 | the score fell at depth 4 (96.50 < 97.00); depth 3 scored best (97.00) | 0: 90.00, 1: 93.00, 2: 95.00, 3: 97.00, 4: 96.50 |", text);
        Assert.Contains("| 2 | 1 | the score did not fall up to depth 1, the deepest the search may try; depth 1 scored best (100.00); but every depth scored " +
                        "the same, so the stop rule chose the depth, not the data", text);
        Assert.True(text.IndexOf("| 1 | 3 |", StringComparison.Ordinal) < text.IndexOf("| 2 | 1 |", StringComparison.Ordinal), "seeds in order");
    }

    [Fact]
    public void A_cell_record_reads_back_as_written()
    {
        var cell = new ComparisonCellRecord(ComparisonCellKinds.Method, 4, "autolr", 2, 3,
            [new("tune0", "tune", 3, "base-lr=0.01", new Dictionary<int, double> { [1] = 0.5 }, null, 2.5, 10.25, ["lr-clamped:block7"]),
             new("final", "final", 3, "base-lr=0.01", null, new Dictionary<int, double> { [1] = 0.75, [2] = 0.875 }, 3, 12, [])])
        {
            ChosenPoint = "base-lr=0.01", TestRecallAtK = new Dictionary<int, double> { [1] = 0.75, [2] = 0.875 },
        };
        var file = Path.Combine(Host.HostRun.NewTemporaryFolder(), ComparisonCellFile.FileName);
        File.WriteAllText(file, ComparisonCellFile.Render(cell));

        var read = ComparisonCellFile.Read(file);

        Assert.Equal(ComparisonCellFile.Render(cell), ComparisonCellFile.Render(read));
        Assert.Equal((4, "autolr", 2, 3, "base-lr=0.01", 0.75), (read.Seed, read.Schedule, read.Threads, read.Depth, read.ChosenPoint, read.TestRecallAtK![1]));
        Assert.Equal(["lr-clamped:block7"], read.Stages[0].Events);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\| \[([-+]\d+\.\d\d), ([-+]\d+\.\d\d)\] \| \+1\.75 \|")]
    private static partial Regex BootstrapInterval();
}
