using System.Text.Json.Nodes;
using AutoLR.Runs.Checkpoints;
using AutoLR.Integration.Host;
using AutoLR.RunFormat.Evaluation;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Trace;
using AutoLR.Torch.Weights;

namespace AutoLR.Integration.Jobs;

/// <summary>`autolr run` end to end on tiny Fashion-MNIST, then `evaluate --from` and `export --from` on its result.</summary>
[Trait(Tier.Name, Tier.Full)]
public class PipelineJobTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task Run_prunes_fine_tunes_with_AutoLR_and_leaves_a_complete_run_directory()
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(_cache, ["run", .. AutoLrChild.Tiny, "--epochs", "1", "--max-pruning-depth", "1", "--output", output]);
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var row in new[] { "single LR", "pruning only", "pruning + AutoLR", "R@1", "R@8" }) Assert.Contains(row, result.Out);

        var run = AutoLrChild.RunFolder(output);
        foreach (var file in new[] { "config.json", "trace.jsonl", "trace-depth-0.jsonl", "metrics.jsonl", "results.json", "report.md", "weights.safetensors" })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} is missing");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "tensorboard"), "events.out.tfevents.*"));
        Assert.NotNull(new CheckpointStore(Path.Combine(run, "checkpoints")).LoadLatest().Checkpoint);

        var trace = TraceFile.Read(Path.Combine(run, "trace.jsonl"));
        Assert.NotEmpty(trace);
        Assert.All(trace, t => Assert.Equal(1, t.Epoch));
        Assert.True(trace.Any(t => t.Accepted) || trace.Any(t => t.Events.Any(e => e.StartsWith("accepted-best"))));

        var results = ResultsFile.Read(Path.Combine(run, "results.json"));
        Assert.Equal("run", results.Command);
        Assert.Equal("autolr", results.Schedule);
        Assert.Equal(3, results.Summary.Count);
        Assert.InRange(results.RecallAtK[1], 0, 1);
        var report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("Pruning search", report);
        Assert.Contains("AutoLR trials per epoch", report);

        var evaluated = HostRun.NewTemporaryFolder();
        var evaluation = await AutoLrChild.RunAsync(_cache, ["evaluate", "--from", run, "--threads", "1", "--output", evaluated]);
        Assert.True(evaluation.ExitCode == 0, evaluation.ToString());
        var recall = EvaluationFile.Read(Path.Combine(AutoLrChild.RunFolder(evaluated), "evaluation.json")).RecallAtK;
        Assert.Equal(results.RecallAtK[1], recall[1], 6);

        var exported = HostRun.NewTemporaryFolder();
        var export = await AutoLrChild.RunAsync(_cache, ["export", "--from", run, "--output", exported]);
        Assert.True(export.ExitCode == 0, export.ToString());
        foreach (var file in new[] { "model.json", "autolr_torchvision.py", "mean-image.npy", "model.onnx" })
            Assert.True(File.Exists(Path.Combine(AutoLrChild.RunFolder(exported), file)), $"export wrote no {file}");
        var stateDict = StateDictFile.Read(Path.Combine(AutoLrChild.RunFolder(exported), "backbone.safetensors"));
        Assert.Contains("conv1.weight", stateDict.Keys);
        foreach (var t in stateDict.Values) t.Dispose();
    }
}
