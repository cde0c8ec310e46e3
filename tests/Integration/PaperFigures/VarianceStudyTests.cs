using AutoLR.PaperFigures;
using AutoLR.PaperFigures.Tables;
using AutoLR.RunFormat.Comparisons;
using AutoLR.RunFormat.Runs;

namespace AutoLR.Integration.PaperFigures;

/// <summary>
/// The variance study's table on comparisons laid out as `compare --output ARM` writes them (ARM/RUN/seedN/method/final),
/// with every number worked out by hand: arm "a" has AutoLR − single of +2, +3, +1 points (mean +2, sd 1) and cells
/// costing one CPU-hour per seed; arm "b" pools two comparisons (seeds 1–2 and seed 3) and has no cell.json, so its
/// cost is unknown.
/// </summary>
public sealed class VarianceStudyTests : IDisposable
{
    private readonly SyntheticRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    [Fact]
    public void Each_arm_gets_its_paired_sd_with_the_chi_square_interval_the_seeds_needed_and_their_cpu_hours()
    {
        double[] autolr = [0.80, 0.82, 0.84], single = [0.78, 0.79, 0.83];
        var finals = new List<string>();
        for (var s = 1; s <= 3; s++)
        {
            finals.Add(_runs.Write($"a/run1/seed{s}/autolr/final", SyntheticRuns.Results("compare", "autolr", s, 2, autolr[s - 1])));
            finals.Add(_runs.Write($"a/run1/seed{s}/single/final", SyntheticRuns.Results("compare", "single", s, 2, single[s - 1])));
            // 600 s of search, 2,400 s of AutoLR, 300 s of single LR on two threads: 3,600 CPU-seconds per seed.
            Cell($"a/run1/seed{s}/pruning-search", new ComparisonCellRecord(ComparisonCellKinds.PruningSearch, s, null, 1, 2, [Stage(400), Stage(200)]));
            Cell($"a/run1/seed{s}/autolr", new ComparisonCellRecord(ComparisonCellKinds.Method, s, "autolr", 1, 2, [Stage(1800), Stage(600)]));
            Cell($"a/run1/seed{s}/single", new ComparisonCellRecord(ComparisonCellKinds.Method, s, "single", 2, 2, [Stage(300)]));
            // A third method of the comparison is not the pair's cost.
            Cell($"a/run1/seed{s}/lp-ft", new ComparisonCellRecord(ComparisonCellKinds.Method, s, "lp-ft", 1, 2, [Stage(5000)]));
        }
        double[] pooledAutoLr = [0.90, 0.91, 0.93], pooledSingle = [0.90, 0.91, 0.90];
        for (var s = 1; s <= 3; s++)
        {
            var run = s <= 2 ? "run1" : "run2";
            finals.Add(_runs.Write($"b/{run}/seed{s}/autolr/final", SyntheticRuns.Results("compare", "autolr", s, 0, pooledAutoLr[s - 1])));
            finals.Add(_runs.Write($"b/{run}/seed{s}/single/final", SyntheticRuns.Results("compare", "single", s, 0, pooledSingle[s - 1])));
        }

        var outcome = new VarianceStudy().Render(RunDirectory.Discover(finals), _runs.Output, new RenderOptions());

        var text = File.ReadAllText(outcome.Files.Single());
        // a: t_{0.975,2} = 4.303, 4.303/√3 = 2.484; sd interval √(2/χ²) with χ²_{0.975,2} = −2 ln 0.025 = 7.378 and
        // χ²_{0.025,2} = −2 ln 0.975 = 0.0506: [0.52, 6.28]; ±1 point needs n = 7 (2.447/√7 = 0.925; n = 6 gives
        // 1.050), ±2 needs 4 (3.182/2 = 1.591; n = 3 gives 2.484); one CPU-hour per seed.
        // Epochs: 2 per stage, 5 stages of the pair per seed (the lp-ft cell is not the pair's).
        Assert.Contains("| a | 3 | +2.00 [-0.48, +4.48] | 1.00 [0.52, 6.28] | 7 / 4 | 10.0 | 1.000 | 7.00 / 4.00 | 0, 0 |", text);
        // b pooled over its two comparisons: 0, 0, +3 → mean +1, sd √3 = 1.73; no cell.json: cost unknown.
        Assert.Matches(@"\| b \| 3 \| \+1\.00 \[[^]]+\] \| 1\.73 \[[^]]+\] \| [^|]+ \| — \| — \| — \| 0, 0 \|", text);
    }

    [Fact]
    public void Without_a_pair_of_autolr_and_single_it_says_what_it_needs()
    {
        var final = _runs.Write("a/run1/seed1/autolr/final", SyntheticRuns.Results("compare", "autolr", 1, 0, 0.9));
        var outcome = new VarianceStudy().Render(RunDirectory.Discover([final]), _runs.Output, new RenderOptions());
        Assert.Empty(outcome.Files);
        Assert.Contains("AutoLR and single LR on two or more common seeds", outcome.Skipped);
    }

    private void Cell(string name, ComparisonCellRecord cell)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_runs.Root, "runs", name)).FullName;
        File.WriteAllText(Path.Combine(folder, ComparisonCellFile.FileName), ComparisonCellFile.Render(cell));
    }

    private static ComparisonStageRecord Stage(double seconds) => new("final", "final", 2, "base-lr=0.01", null, null, 2, seconds, []);
}
