using System.Globalization;
using AutoLR.Algorithms;
using AutoLR.RunFormat.Comparisons;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Runs;
using AutoLR.RunFormat.Statistics;

namespace AutoLR.PaperFigures.Tables;

/// <summary>
/// The variance study: several comparisons of AutoLR and single LR, each an arm that changes one thing of the default
/// protocol (test images, validation classes, epochs, image size, the LR grid), and per arm the paired sd of AutoLR −
/// single LR with its χ² interval, the half-width it gives, the seeds a ±1- and ±2-point interval would need, and what
/// that costs in CPU-hours. An arm is the folder a comparison was written under (`compare --output ARM`); comparisons
/// of the same arm with other seeds pool into it. Cost is the training seconds of every cell of the arm (pruning
/// searches, AutoLR's and single LR's tuning and final stages; other methods of the comparison are left out) × the
/// cell's threads, per seed; scoring is not counted. Give it the final folders,
/// e.g. `ARM/*/seed*/*/final`.
/// </summary>
public sealed class VarianceStudy : IArtifact
{
    public string Name => "variance";

    public string Description => "variance study: per arm (comparison output folder) the paired sd of AutoLR − single LR with its interval, seeds and CPU-hours for ±1 and ±2 points";

    public ArtifactOutcome Render(IReadOnlyList<RunDirectory> runs, string outputFolder, RenderOptions options)
    {
        var finals = runs.Where(r => r.Results?.Command == RunCommands.Compare && ComparisonOf(r.Path) is not null).ToList();
        var arms = finals.GroupBy(r => Arm(r.Path)).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        var table = new MarkdownTable("Variance study: AutoLR − single LR per arm (test R@1 points)",
            ("arm", false), ("seeds", true), ("AutoLR − single [95 % t]", true), ("sd [95 % interval]", true), ("seeds for ±1 / ±2", true),
            ("epochs per seed", true), ("CPU-h per seed", true), ("CPU-h for ±1 / ±2", true), ("collapses (AutoLR, single)", true));
        foreach (var arm in arms)
        {
            var autolr = Scores(arm, ScheduleCatalog.AutoLrName);
            var single = Scores(arm, ScheduleCatalog.name(ScheduleCatalog.single));
            var seeds = autolr.Keys.Intersect(single.Keys).Order().ToList();
            if (seeds.Count < 2) continue;
            var differences = PairedDifferences.Of(seeds, [.. seeds.Select(s => autolr[s])], [.. seeds.Select(s => single[s])]);
            var mean = StudentInterval.Of(differences.Values);
            var sd = StandardDeviationInterval.Of(differences.Values);
            int? one = SeedsForHalfWidth.Of(sd.Sd, 0.01), two = SeedsForHalfWidth.Of(sd.Sd, 0.02);
            var cost = CostPerSeed(arm, seeds);
            var perSeed = cost?.CpuHours;
            var collapses = $"{CollapseRule.Default.Collapsed(autolr).Count}, {CollapseRule.Default.Collapsed(single).Count}";
            table.AddRow(arm.Key, seeds.Count.ToString(CultureInfo.InvariantCulture),
                $"{Points(mean.Mean)} [{Points(mean.Lower)}, {Points(mean.Upper)}]",
                $"{Unsigned(sd.Sd)} [{Unsigned(sd.Lower)}, {Unsigned(sd.Upper)}]",
                $"{Seeds(one)} / {Seeds(two)}",
                cost is { } e ? e.Epochs.ToString("F1", CultureInfo.InvariantCulture) : "—",
                perSeed is { } h ? h.ToString("F3", CultureInfo.InvariantCulture) : "—",
                perSeed is { } c ? $"{Hours(one, c)} / {Hours(two, c)}" : "—",
                collapses);
        }
        if (table.Rows.Count == 0)
            return ArtifactOutcome.Skip("no comparison arm with AutoLR and single LR on two or more common seeds was given (pass ARM/*/seed*/*/final)");
        table.AddNote("Paired by seed within the arm: seed s gives both methods the same split, initial weights, data order and flips.");
        table.AddNote("sd: the sample sd of the paired differences; its 95 % interval is χ²-based ((n − 1)s²/σ² ~ χ²ₙ₋₁), so two arms' sds differ only where the intervals barely overlap.");
        table.AddNote("Seeds for ±1 / ±2: the smallest n whose 95 % t-interval would be that narrow at the measured sd. CPU-h: training seconds × threads of every cell " +
                      "(pruning search, tuning, final) per seed, scoring not counted; × the seeds needed gives the cost of a ±1- or ±2-point answer, the figure to minimise. " +
                      "Seconds depend on what else the machine ran; epochs executed (AutoLR's trials each counted) do not.");
        table.AddNote($"Collapses: {CollapseRule.Default.Definition}");
        return ArtifactOutcome.Wrote(Artifacts.WriteText(outputFolder, "variance.md", table.Render()));
    }

    private static Dictionary<int, double> Scores(IEnumerable<RunDirectory> arm, string schedule) =>
        arm.Where(r => PairedComparison.Method(r.Results!) == schedule).GroupBy(r => r.Results!.Seed)
            .ToDictionary(g => g.Key, g => g.Single().Results!.RecallAtK[1]);

    /// <summary>
    /// Epochs executed and CPU-hours per seed: the search, AutoLR and single LR cells of those seeds, or null when a
    /// cell.json is missing. Epochs do not depend on the machine's load; seconds do.
    /// </summary>
    private static (double Epochs, double CpuHours)? CostPerSeed(IEnumerable<RunDirectory> arm, IReadOnlyList<int> seeds)
    {
        double seconds = 0, epochs = 0;
        foreach (var comparison in arm.Select(r => ComparisonOf(r.Path)!).Distinct())
            foreach (var seed in seeds)
            {
                var seedFolder = Path.Combine(comparison, $"seed{seed.ToString(CultureInfo.InvariantCulture)}");
                if (!Directory.Exists(seedFolder)) continue;
                foreach (var cellFolder in Directory.GetDirectories(seedFolder))
                {
                    var file = Path.Combine(cellFolder, ComparisonCellFile.FileName);
                    if (!File.Exists(file)) return null;
                    var cell = ComparisonCellFile.Read(file);
                    // The pair's cost: a comparison of more methods shares its searches with them, but its other methods are not counted.
                    if (cell.Kind == ComparisonCellKinds.PruningSearch || cell.Schedule == ScheduleCatalog.AutoLrName || cell.Schedule == ScheduleCatalog.name(ScheduleCatalog.single))
                    {
                        seconds += cell.Threads * cell.Stages.Sum(s => s.Seconds);
                        epochs += cell.Stages.Sum(s => s.EpochsExecuted);
                    }
                }
            }
        return (epochs / seeds.Count, seconds / 3600 / seeds.Count);
    }

    /// <summary>The comparison run directory of a final stage (RUN/seedN/method/final), or null when the path is not shaped so.</summary>
    private static string? ComparisonOf(string finalPath)
    {
        var method = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(finalPath));
        var seed = method is null ? null : Path.GetDirectoryName(method);
        return seed is not null && Path.GetFileName(seed).StartsWith("seed", StringComparison.Ordinal) ? Path.GetDirectoryName(seed) : null;
    }

    /// <summary>The arm: the name of the folder the comparison was written under (its --output).</summary>
    private static string Arm(string finalPath) => Path.GetFileName(Path.GetDirectoryName(ComparisonOf(finalPath)!)) ?? "";

    private static string Points(double x) => (100 * x).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    private static string Unsigned(double x) => (100 * x).ToString("F2", CultureInfo.InvariantCulture);

    private static string Seeds(int? n) => n is { } seeds ? seeds.ToString(CultureInfo.InvariantCulture) : $"> {SeedsForHalfWidth.Most}";

    private static string Hours(int? seeds, double perSeed) => seeds is { } n ? (n * perSeed).ToString("F2", CultureInfo.InvariantCulture) : "—";
}
