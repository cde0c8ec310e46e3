using System.Globalization;
using AutoLR.Algorithms;
using AutoLR.RunFormat.Metrics;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Trace;
using AutoLR.RunFormat.Runs;
using AutoLR.PaperFigures.Statistics;

namespace AutoLR.PaperFigures.Tables;

/// <summary>
/// AutoLR's cost: how many epochs of training a run executed (every trial is one epoch trained, retries included)
/// against the epochs it kept, trials per epoch, and training seconds, next to single LR on the same data set and
/// pruning depth. From trace.jsonl where the run has one (one line per trial), else metrics.jsonl (one line per epoch).
/// </summary>
public sealed class CostTable : IArtifact
{
    public string Name => "cost";

    public string Description => "AutoLR's cost: trials per epoch and epochs executed (retries included) against single LR";

    public ArtifactOutcome Render(IReadOnlyList<RunDirectory> runs, string outputFolder, RenderOptions options)
    {
        var table = Build(runs);
        return table.Rows.Count == 0
            ? ArtifactOutcome.Skip("no final run (results.json command other than prune/sweep) with trace.jsonl or metrics.jsonl lines was given")
            : ArtifactOutcome.Wrote(Artifacts.WriteText(outputFolder, "cost.md", table.Render()));
    }

    /// <summary>What one run spent.</summary>
    /// <remarks>EpochsExecuted counts epochs' worth of batches: a full-epoch trial 1, a probe (`--probe-fraction` below 1) its window's
    /// share, the completion of its epoch the rest (<see cref="AutoLR.Algorithms.Probe.epochsTrained"/>). Trials per
    /// epoch count trials and probes, not completions.</remarks>
    public sealed record RunCost(int EpochsKept, double EpochsExecuted, int MostTrialsInAnEpoch, double Seconds, int Trials)
    {
        public double TrialsPerEpoch => (double)Trials / EpochsKept;

        public static RunCost? Of(RunDirectory run)
        {
            if (run.Trace.Count > 0)
            {
                var trials = AcceptedTrials.InOrder(run.Trace);
                var perEpoch = trials.GroupBy(t => t.Epoch).Select(g => g.Count(t => !AutoLR.Algorithms.Probe.isCompletion(t))).ToList();
                return new RunCost(perEpoch.Count, trials.Sum(AutoLR.Algorithms.Probe.epochsTrained), perEpoch.Max(), trials.Sum(t => t.Seconds), perEpoch.Sum());
            }
            var epochs = run.Metrics.Where(m => m.Phase == EpochMetrics.FineTunePhase).ToList();
            return epochs.Count == 0 ? null : new RunCost(epochs.Count, epochs.Count, 1, epochs.Sum(m => m.Seconds), epochs.Count);
        }
    }

    public static MarkdownTable Build(IReadOnlyList<RunDirectory> runs)
    {
        var costs = runs
            .Where(r => r.Results is { Command: not (RunCommands.Prune or RunCommands.Sweep) })
            .Select(r => (Run: r, Cost: RunCost.Of(r)))
            .Where(x => x.Cost is not null)
            .GroupBy(x => x.Run.Results!.Configuration, x => x.Cost!)
            .OrderBy(g => g.Key.Dataset, StringComparer.Ordinal)
            .ThenBy(g => g.Key.PruningDepth)
            .ThenBy(g => ScheduleOrder.Rank(g.Key.Schedule))
            .ToList();
        var apart = ConfigurationKey.SetApart(costs.Select(g => g.Key));
        var table = new MarkdownTable(
            "AutoLR's cost: epochs executed against single LR",
            ("data set", false), ("pruning depth", true), ("schedule", false), ("epochs kept", true),
            ("epochs executed (retries incl.)", true), ("trials per epoch", true), ("most trials in an epoch", true),
            ("training seconds", true), ("executed ÷ single LR", true), ("seconds ÷ single LR", true), ("n", true));
        foreach (var group in costs)
        {
            var c = group.Key;
            var single = costs
                .Where(g => g.Key.Schedule == ScheduleCatalog.name(ScheduleCatalog.single) && g.Key.Dataset == c.Dataset && g.Key.PruningDepth == c.PruningDepth && g.Key.Backbone == c.Backbone)
                .OrderByDescending(g => g.Key.Epochs == c.Epochs)
                .FirstOrDefault();
            var executed = Spread.Of(group.Select(x => (double)x.EpochsExecuted));
            var seconds = Spread.Of(group.Select(x => x.Seconds));
            table.AddRow(
                c.Dataset, c.PruningDepth.ToString(), RunLabels.Schedule(c.Schedule) + apart[c],
                Spread.Of(group.Select(x => (double)x.EpochsKept)).Format("F1"),
                executed.Format("F1"),
                Spread.Of(group.Select(x => x.TrialsPerEpoch)).Format("F2"),
                group.Max(x => x.MostTrialsInAnEpoch).ToString(),
                seconds.Format("F0"),
                single is null ? "—" : Ratio(executed.Mean, single.Average(x => x.EpochsExecuted)),
                single is null ? "—" : Ratio(seconds.Mean, single.Average(x => x.Seconds)),
                group.Count().ToString());
        }
        table.AddNote($"Columns with ±: {Spread.Legend}.");
        table.AddNote("Epochs executed: epochs' worth of batches in trace.jsonl (every full-epoch trial one epoch, retries included; a probe its share of one, the completion of its epoch the rest) where the run has a trace, else metrics.jsonl lines of phase \"finetune\". Seconds: the sum of the trace's per-trial seconds, else of the metrics' per-epoch seconds.");
        table.AddNote("Ratios: mean over this configuration's runs ÷ mean over the single-LR runs of the same data set, backbone and pruning depth (\"—\" where none was given).");
        return table;
    }

    private static string Ratio(double x, double single) =>
        single > 0 ? (x / single).ToString("F2", CultureInfo.InvariantCulture) + "×" : "—";
}
