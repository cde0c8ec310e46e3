using AutoLR.Algorithms;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Metrics;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Runs;
using AutoLR.RunFormat.Sweeps;
using AutoLR.RunFormat.Trace;

namespace AutoLR.Integration.Fixtures;

/// <summary>
/// Every file of the 83155b5 run directories reads through RunFormat, and its writers give the very bytes main wrote:
/// a format version that changed a byte would show here first.
/// </summary>
public sealed class FixtureReadingTests
{
    private static IEnumerable<string> Files(string name) =>
        Directory.GetFiles(RunDirectories83155b5.Root, name, SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    [Fact]
    public void Every_results_json_reads_and_writes_back_byte_for_byte()
    {
        var files = Files(ResultsFile.FileName).ToList();
        Assert.Equal(9, files.Count);
        foreach (var file in files)
            Assert.Equal(File.ReadAllText(file), ResultsFile.Render(ResultsFile.Read(file)));

        var run = ResultsFile.Read(Path.Combine(RunDirectories83155b5.In("run"), ResultsFile.FileName));
        Assert.Equal((RunCommands.Run, ScheduleCatalog.AutoLrName, 1, 9, 3), (run.Command, run.Schedule, run.PruningDepth, run.BlockCount, run.Summary.Count));
        Assert.Equal([0, 1], run.Pruning.Select(p => p.Depth));
        Assert.All(run.Pruning, p => Assert.NotNull(p.TestRecallAtK));
        Assert.Equal("base-lr=0.00333", ResultsFile.Read(Path.Combine(RunDirectories83155b5.CompareFinals[0], ResultsFile.FileName)).ChosenPoint);
        Assert.NotNull(ResultsFile.Read(Path.Combine(RunDirectories83155b5.In("prune"), ResultsFile.FileName)).StoppedBecause);
    }

    [Fact]
    public void Every_metrics_line_reads_and_writes_back_byte_for_byte()
    {
        var files = Files(MetricsFile.FileName).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            Assert.Equal(lines, MetricsFile.Read(file).Select(MetricsFile.Line));
        }
        Assert.Equal(["prune", "prune", "finetune"], MetricsFile.Read(Path.Combine(RunDirectories83155b5.In("run"), MetricsFile.FileName)).Select(m => m.Phase));
    }

    [Fact]
    public void Every_config_json_reads_and_writes_back_byte_for_byte()
    {
        var files = Files(RunConfigFile.FileName).ToList();
        Assert.Equal(8, files.Count);
        foreach (var file in files)
        {
            var config = RunConfigFile.Parse(File.ReadAllText(file), file);
            Assert.NotNull(config.Identity);
            Assert.Equal(File.ReadAllText(file), RunConfigFile.Render(config.Identity, config.Settings));
        }
        var sweepCell = RunConfigFile.Read(Path.Combine(RunDirectories83155b5.In("sweep"), "alpha=2"));
        Assert.Equal((RunCommands.Sweep, 2), (sweepCell.Command, sweepCell.Integer("Alpha")));
        Assert.Equal("alpha=1,2", RunConfigFile.Read(RunDirectories83155b5.In("sweep")).Grid);
    }

    [Fact]
    public void The_sweep_manifest_reads_and_writes_back_byte_for_byte()
    {
        var manifest = SweepManifestFile.Read(RunDirectories83155b5.In("sweep"));
        Assert.Equal(File.ReadAllText(Path.Combine(RunDirectories83155b5.In("sweep"), SweepManifestFile.FileName)), SweepManifestFile.Render(manifest));
        Assert.Equal(["alpha=1", "alpha=2"], manifest.Cells.Select(c => c.Folder));
        Assert.Equal(manifest.Hash, SweepManifestFile.Hash(manifest.Grid, manifest.Settings, manifest.Cells.Select(c => (c.Index, c.Label))));
    }

    [Fact]
    public void Every_trace_reads_line_for_line()
    {
        var files = Files("trace*.jsonl").ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
            Assert.Equal(File.ReadAllLines(file), TraceFile.Read(file).Select(TraceLine.write));
    }

    [Fact]
    public void Every_folder_reads_as_a_run_directory()
    {
        var runs = RunDirectory.Discover([
            .. new[] { "finetune-single", "finetune-autolr-interrupted", "prune", "run", "sweep" }.Select(RunDirectories83155b5.In),
            .. RunDirectories83155b5.CompareFinals]);
        Assert.Equal(10, runs.Count);
        // Killed after epoch 3's lines were written but before its checkpoint: resuming cuts them (FixtureResumeTests).
        var interrupted = runs.Single(r => r.Name == "finetune-autolr-interrupted");
        Assert.Null(interrupted.Results);
        Assert.Equal([1, 2, 3], interrupted.Metrics.Select(m => m.Epoch));
        Assert.Equal([1, 2, 3], AcceptedTrials.PerEpoch(interrupted.Trace).Select(t => t.Epoch));
    }
}
