using System.Globalization;
using AutoLR.Algorithms;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Runs;
using AutoLR.RunFormat.Trace;

namespace AutoLR.Bench;

/// <summary>
/// `probe-cost RUN_DIR...` (probes, `--probe-fraction`): reads finished fine-tune runs (bench/probe-cost.sh makes them) and prints, per
/// run, AutoLR's compute in epochs' worth of batches per nominal epoch (probes count as their share of an epoch), its
/// ratio to single LR at the same depth, trials per epoch, seconds, test R@1, and how well each kept probe's variation
/// order predicted its whole epoch's (Spearman's ρ over the blocks). Then, per AutoLR run, the top block's LR, its
/// variation per unit LR (eq. 8 says v ∝ η, so v/η should stay put) and the train loss, epoch by epoch.
/// </summary>
public static class ProbeCostBenchmark
{
    /// <summary>A finished fine-tune as the run-format library reads it (<see cref="RunDirectory"/>), with what this table needs.</summary>
    private sealed record FineTuneRun(RunDirectory Directory)
    {
        private RunResults Results => Directory.Results ?? throw new InvalidDataException($"{Directory.Path} has no results.json: it did not finish.");
        public IReadOnlyList<TrialRecord> Lines { get; } = AcceptedTrials.InOrder(Directory.Trace);
        public string Name => Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Directory.Path))!);
        public string Schedule => Results.Schedule;
        public int Depth => Results.PruningDepth;
        public double Fraction => Results.Settings.Number(ControllerSettings.probeFraction.Name) ?? 1.0;
        public double RecallAt1 => Results.RecallAtK[1];
        public int Epochs => Lines.Select(l => l.Epoch).Distinct().Count();
        public double EpochsTrained => Schedule == ScheduleCatalog.AutoLrName ? Lines.Sum(Probe.epochsTrained) : Epochs;
        public int Trials => Schedule == ScheduleCatalog.AutoLrName ? Lines.Count(l => !Probe.isCompletion(l)) : Epochs;
        public double Seconds => Lines.Sum(l => l.Seconds);

        /// <summary>Per epoch, the line the next epoch starts from: the completion with probes, else the kept trial.</summary>
        public IReadOnlyList<TrialRecord> Kept() => AcceptedTrials.PerEpoch(Directory.Trace);
    }

    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: autolr-bench probe-cost RUN_DIR... (run directories of finished `autolr finetune` runs; bench/probe-cost.sh makes them)");
            return 2;
        }
        var runs = args.Select(path => new FineTuneRun(RunDirectory.Load(path))).OrderBy(r => r.Depth).ThenBy(r => r.Schedule == ScheduleCatalog.AutoLrName).ThenByDescending(r => r.Fraction).ToList();
        Console.WriteLine("probe-cost: compute per nominal epoch in epochs' worth of batches (probes count f of an epoch each)");
        Console.WriteLine($"{"run",-24} {"depth",5} {"f",5} {"epochs",6} {"trained",8} {"per ep.",7} {"÷single",7} {"trials/ep",9} {"max",3} {"seconds",8} {"s÷single",8} {"R@1",6} {"ρ probe→epoch",14}");
        foreach (var run in runs)
        {
            var single = runs.FirstOrDefault(r => r.Schedule == ScheduleCatalog.name(ScheduleCatalog.single) && r.Depth == run.Depth);
            var rho = Spearmans(run).ToList();
            var trialsPerEpoch = run.Lines.Where(l => !Probe.isCompletion(l)).GroupBy(l => l.Epoch).Select(g => g.Count()).ToList();
            Console.WriteLine($"{run.Name,-24} {run.Depth,5} {F(run.Fraction, "0.##"),5} {run.Epochs,6} " +
                              $"{F(run.EpochsTrained, "F2"),8} {F(run.EpochsTrained / run.Epochs, "F2"),7} " +
                              $"{(single is null ? "–" : F(run.EpochsTrained / single.EpochsTrained, "F2")),7} {F((double)run.Trials / run.Epochs, "F2"),9} {trialsPerEpoch.Max(),3} " +
                              $"{F(run.Seconds, "F0"),8} {(single is null ? "–" : F(run.Seconds / single.Seconds, "F2")),8} {F(100 * run.RecallAt1, "F1"),6} " +
                              $"{(rho.Count == 0 ? "–" : $"{F(rho.Average(), "F2")} (min {F(rho.Min(), "F2")})"),14}");
        }
        Console.WriteLine();
        Console.WriteLine("Per AutoLR run and epoch (kept line): top block's LR η_K, v_K/η_K (eq. 8: constant if v ∝ η), sorting quality, train loss");
        foreach (var run in runs.Where(r => r.Schedule == ScheduleCatalog.AutoLrName))
        {
            Console.WriteLine($"  {run.Name}:");
            foreach (var line in run.Kept())
                Console.WriteLine($"    epoch {line.Epoch,2}: η_K {F(line.Lrs[^1], "G3"),8}  v_K/η_K {F(line.Variations[^1] / line.Lrs[^1], "G3"),9}  " +
                                  $"v_1/η_1 {F(line.Variations[0] / line.Lrs[0], "G3"),9}  SQ {F(line.SortingQuality, "F2"),5}  loss {F(line.TrainLoss, "F4")}" +
                                  $"  trials {run.Lines.Count(l => l.Epoch == line.Epoch && !Probe.isCompletion(l))}");
        }
        return 0;
    }

    /// <summary>Per completed epoch: Spearman's ρ between the kept probe's variations and the whole epoch's.</summary>
    private static IEnumerable<double> Spearmans(FineTuneRun run) =>
        run.Lines.Where(Probe.isCompletion).Select(completion =>
        {
            var probe = run.Lines.Single(l => l.Epoch == completion.Epoch && l.Trial == completion.Trial && !Probe.isCompletion(l));
            return Spearman(probe.Variations, completion.Variations);
        });

    /// <summary>Spearman's rank correlation (ranks without ties: variations are continuous measurements).</summary>
    private static double Spearman(double[] a, double[] b)
    {
        var ra = Ranks(a);
        var rb = Ranks(b);
        var n = a.Length;
        var d2 = ra.Zip(rb, (x, y) => (x - y) * (x - y)).Sum();
        return 1 - 6 * d2 / (n * ((double)n * n - 1));
    }

    private static double[] Ranks(double[] x)
    {
        var ranks = new double[x.Length];
        var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ToArray();
        for (var r = 0; r < order.Length; r++) ranks[order[r]] = r + 1;
        return ranks;
    }

    private static string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
}
