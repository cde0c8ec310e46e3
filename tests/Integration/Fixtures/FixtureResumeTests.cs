using AutoLR.Integration.Host;
using AutoLR.Integration.Jobs;
using AutoLR.RunFormat.Evaluation;
using AutoLR.RunFormat.Metrics;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Runs;
using AutoLR.RunFormat.Trace;

namespace AutoLR.Integration.Fixtures;

/// <summary>
/// The current build continues what 83155b5 left: the interrupted fine-tune resumes to a finished, readable run, and
/// a finished run is evaluated. Both on copies, as a user would, through a child `autolr`.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public sealed class FixtureResumeTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task The_interrupted_fine_tune_resumes_to_a_finished_readable_run()
    {
        var fixture = RunDirectories83155b5.In("finetune-autolr-interrupted");
        var run = RunDirectories83155b5.Copy("finetune-autolr-interrupted");

        var resumed = await AutoLrChild.RunAsync(_cache, "finetune", "--resume", run);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var results = ResultsFile.Read(Path.Combine(run, ResultsFile.FileName));
        Assert.Equal((RunCommands.FineTune, "autolr", 8, 3), (results.Command, results.Schedule, results.PruningDepth, results.Epochs));
        Assert.Equal([1, 2, 4, 8], results.RecallAtK.Keys);
        // Epochs 1 and 2 are 83155b5's, kept as written; epoch 3, which it wrote but did not checkpoint, was cut and
        // trained again: each epoch appears once.
        var metrics = File.ReadAllLines(Path.Combine(run, MetricsFile.FileName));
        Assert.Equal([1, 2, 3], MetricsFile.Read(Path.Combine(run, MetricsFile.FileName)).Select(m => m.Epoch));
        Assert.Equal(File.ReadAllLines(Path.Combine(fixture, MetricsFile.FileName))[..2], metrics[..2]);
        var trace = TraceFile.Read(Path.Combine(run, TraceFile.FileName));
        Assert.Equal([1, 2, 3], AcceptedTrials.PerEpoch(trace).Select(t => t.Epoch));
        var fixtureTrace = File.ReadAllLines(Path.Combine(fixture, TraceFile.FileName));
        var kept = TraceFile.Read(Path.Combine(fixture, TraceFile.FileName)).Count(t => t.Epoch <= 2);
        Assert.Equal(fixtureTrace[..kept], File.ReadAllLines(Path.Combine(run, TraceFile.FileName))[..kept]);
        Assert.True(File.Exists(Path.Combine(run, "report.md")) && File.Exists(Path.Combine(run, "weights.safetensors")));
        Assert.Single(RunDirectory.Discover([run]));
    }

    [Fact]
    public async Task A_finished_fine_tune_is_evaluated_by_the_current_build()
    {
        var output = HostRun.NewTemporaryFolder();

        var evaluated = await AutoLrChild.RunAsync(_cache, "evaluate", "--from", RunDirectories83155b5.Copy("finetune-single"), "--output", output);

        Assert.True(evaluated.ExitCode == 0, evaluated.ToString());
        var evaluation = EvaluationFile.Read(Path.Combine(AutoLrChild.RunFolder(output), EvaluationFile.FileName));
        Assert.Equal(8, evaluation.PruningDepth);
        Assert.Equal([1, 2, 4, 8], evaluation.RecallAtK.Keys);
    }
}
