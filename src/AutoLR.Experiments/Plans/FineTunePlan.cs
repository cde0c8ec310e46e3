using AutoLR.Algorithms;
using AutoLR.Experiments.Results;
using AutoLR.Experiments.Stages;
using AutoLR.Runs;
using AutoLR.Settings;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Weights;

namespace AutoLR.Experiments.Plans;

/// <summary>One fine-tune of a `finetune` run, or one cell of a `sweep` (its own folder and settings).</summary>
/// <param name="Label">Unique within the job, e.g. "finetune" or "alpha=2,beta=0.4".</param>
/// <param name="Folder">Where its trace.jsonl, metrics.jsonl and results.json go.</param>
/// <param name="Settings">Its settings.</param>
public sealed record FineTuneCell(string Label, string Folder, RunSettings Settings);

/// <summary>
/// `finetune` and `sweep`: one fine-tune per cell, in order, on the whole training split at --pruning-depth, each
/// evaluated on the test split (a sweep runs each cell as a fine-tune of its own). The final weights are kept for
/// `evaluate` and `export`.
/// </summary>
public sealed class FineTunePlan(Experiment experiment, IReadOnlyList<FineTuneCell> cells) : IStagePlan
{
    public StageSpec? Next(IReadOnlyList<StageResult> done)
    {
        var cell = cells.FirstOrDefault(c => done.All(r => r.Label != c.Label));
        if (cell is null) return null;
        Directory.CreateDirectory(cell.Folder);
        return new StageSpec(cell.Label, "finetune", cell.Settings.Get(BackboneSettings.PruningDepth), ScheduleSettings.choice(cell.Settings.Values),
            experiment.Data.Train, Path.Combine(cell.Folder, RunFolder.TraceFileName), cell.Folder, cell.Settings);
    }

    public (Dictionary<int, double>? Selection, Dictionary<int, double> Test) Score(StageSpec stage, RetrievalNetwork network, CancellationToken cancellation)
    {
        var test = RecallText.ToDictionary(experiment.ScoreTest(network.Backbone, cancellation));
        var cell = cells.First(c => c.Label == stage.Label);
        // results.json is written by the job after this, last, so that it marks a finished run (and sweep cell).
        BackboneWeights.Save(network.Backbone, Path.Combine(cell.Folder, FinalWeights.FileName));
        return (null, test);
    }
}
