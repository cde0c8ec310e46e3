using AutoLR.Algorithms;
using AutoLR.RunFormat.Runs;
using AutoLR.RunFormat.Trace;
using ScottPlot;

namespace AutoLR.PaperFigures.Figures;

/// <summary>
/// Fig. 4 analog: every trial of an AutoLR run in order, (a) the weight variations and (b) the block LRs used (on a
/// log axis, <see cref="LogAxis"/>, as the LRs span decades), the x axis labelled t-i (epoch t, trial i) as in the paper; probes and the epochs completed from them are labelled
/// apart (<see cref="TrialLabel"/>). Two PNGs per final AutoLR run (or run without results.json).
/// </summary>
public sealed class TrialTrajectoryFigure : IArtifact
{
    /// <summary>With more trials than this, only each epoch's first trial is labelled, so labels stay legible.</summary>
    private const int LabelEveryTrialUpTo = 60;

    public string Name => "fig4";

    public string Description => "per-trial variation (a) and LR (b) trajectories per block, x axis t-i; --epochs N keeps epochs 1..N";

    public ArtifactOutcome Render(IReadOnlyList<RunDirectory> runs, string outputFolder, RenderOptions options)
    {
        var files = new List<string>();
        foreach (var run in runs.Where(r => WeightVariationFigure.FinalOrUnlabelled(r) && r.Results?.Schedule is null or ScheduleCatalog.AutoLrName))
        {
            var trials = AcceptedTrials.InOrder(run.Trace).Where(line => options.LastEpoch is not { } last || line.Epoch <= last).ToList();
            if (trials.Count == 0) continue;
            var stem = Artifacts.RunStem(run, runs);
            files.Add(Draw(trials, $"(a) Weight variation per trial: {RunLabels.Of(run)}", "weight variation v (eq. 1)", k => trials.Select(t => t.Variations[k]).ToArray(), outputFolder, $"fig4a-{stem}.png", logScale: false));
            files.Add(Draw(trials, $"(b) Block learning rate per trial: {RunLabels.Of(run)}", "learning rate used", k => trials.Select(t => t.Lrs[k]).ToArray(), outputFolder, $"fig4b-{stem}.png", logScale: true));
        }
        return files.Count > 0 ? ArtifactOutcome.Wrote(files) : ArtifactOutcome.Skip("no final AutoLR run (not prune or sweep) with trace.jsonl lines was given");
    }

    // logScale: the values on a log axis when all are positive, else linear (the axis label says which).
    private static string Draw(IReadOnlyList<TrialRecord> trials, string title, string yLabel, Func<int, double[]> values, string outputFolder, string fileName,
        bool logScale)
    {
        var blocks = trials[^1].Layers.Length;
        var log = logScale && LogAxis.Fits(Enumerable.Range(0, blocks).SelectMany(values));
        var plot = FigureStyle.NewPlot(title, "t-i (epoch t, trial i)", log ? $"{yLabel} (log scale)" : yLabel);
        var xs = Enumerable.Range(0, trials.Count).Select(i => (double)i).ToArray();
        FigureStyle.AddBlockLines(plot, xs, trials[^1].Layers, log ? k => LogAxis.Transform(values(k)) : values);
        if (log) LogAxis.Apply(plot.Axes.Left);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < trials.Count; i++)
            if (trials.Count <= LabelEveryTrialUpTo || trials[i].Trial == 1)
                ticks.AddMajor(i, TrialLabel(trials[i]));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        return FigureStyle.Save(plot, outputFolder, fileName);
    }

    /// <summary>
    /// The paper's label of trial i of epoch t; with probes (`--probe-fraction` below 1) "t-ip" for probe i (its variations are those of
    /// its window of the epoch) and "t-ie" for the epoch completed from probe i (the whole epoch's variations).
    /// </summary>
    public static string TrialLabel(TrialRecord line) =>
        line.Window is null ? $"{line.Epoch}-{line.Trial}" : $"{line.Epoch}-{line.Trial}{(AutoLR.Algorithms.Probe.isCompletion(line) ? "e" : "p")}";
}
