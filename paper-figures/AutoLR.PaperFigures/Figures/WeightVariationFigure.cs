using AutoLR.RunFormat.Runs;
using AutoLR.RunFormat.Trace;

namespace AutoLR.PaperFigures.Figures;

/// <summary>
/// Fig. 2 analog: the weight variation v_k (eq. 1) of every block per epoch, from the trial each epoch kept. The
/// paper's (a) is a single-LR run, (b) a pruning + AutoLR run: one PNG per run with a trace, titled by its schedule.
/// Prune and sweep runs are left out.
/// </summary>
public sealed class WeightVariationFigure : IArtifact
{
    public string Name => "fig2";

    public string Description => "per-block weight variation per epoch (accepted trials), one PNG per run with a trace";

    public ArtifactOutcome Render(IReadOnlyList<RunDirectory> runs, string outputFolder, RenderOptions options)
    {
        var files = new List<string>();
        foreach (var run in runs.Where(FinalOrUnlabelled))
        {
            var kept = AcceptedTrials.PerEpoch(run.Trace);
            if (kept.Count == 0) continue;
            var plot = FigureStyle.NewPlot($"Weight variation per epoch (kept trials): {RunLabels.Of(run)}", "epoch", "weight variation v (eq. 1)");
            var xs = kept.Select(line => (double)line.Epoch).ToArray();
            FigureStyle.AddBlockLines(plot, xs, kept[^1].Layers, k => kept.Select(line => line.Variations[k]).ToArray());
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            files.Add(FigureStyle.Save(plot, outputFolder, $"fig2-{Artifacts.RunStem(run, runs)}.png"));
        }
        return files.Count > 0 ? ArtifactOutcome.Wrote(files) : ArtifactOutcome.Skip("no final run (not prune or sweep) with an accepted trial in trace.jsonl was given");
    }

    /// <summary>Fig. 2 and 4 draw final runs: prune and sweep runs (many short runs each) are left out; a run without results.json is drawn.</summary>
    public static bool FinalOrUnlabelled(RunDirectory run) => run.Results is null or { Command: not (RunCommands.Prune or RunCommands.Sweep) };
}
