using AutoLR.Experiments.Comparison;
using AutoLR.Integration.Host;
using AutoLR.RunFormat.Comparisons;
using AutoLR.RunFormat.Config;

namespace AutoLR.Integration.Slurm;

/// <summary>A comparison's Slurm submission without a cluster: what `compare --slurm --dry-run` writes and prints.</summary>
public class ComparisonScriptTests
{
    [Fact]
    public async Task A_dry_run_writes_the_cells_and_two_arrays_the_searches_first_and_submits_nothing()
    {
        var result = await HostRun.RunAsync(["compare", "--schedules", "autolr,single", "--seeds", "1,2", "--slurm", "--dry-run", "--max-parallel", "3"]);
        Assert.True(result.ExitCode == 0, result.Error);
        var run = Assert.Single(result.RunFolders);
        Assert.Contains("nothing submitted", result.Out);
        Assert.False(File.Exists(Path.Combine(run, "slurm", "submissions.jsonl")));

        var manifest = ComparisonManifestFile.Read(run);
        Assert.Equal("auto", manifest.PruningDepth);
        Assert.Equal(["seed1/pruning-search", "seed2/pruning-search", "seed1/autolr", "seed1/single", "seed2/autolr", "seed2/single"],
            manifest.Cells.Select(c => c.Folder));
        foreach (var cell in ComparisonFolder.Open(run).Cells)
        {
            var config = RunConfigFile.Read(Path.Combine(run, cell.Folder));
            Assert.Equal(("compare", cell.Seed, cell.TrainedSchedule), (config.Command, config.Integer("Seed"), config.Settings["Schedule"]!.ToString()));
        }
        // Searches: tasks 0-1 from cell 0; methods: tasks 0-3 from cell 2, each running compare-cell by index.
        Assert.Contains("#SBATCH --array=0-1%3", result.Out);
        Assert.Contains("#SBATCH --array=0-3%3", result.Out);
        Assert.Matches($@"exec .* compare-cell --comparison {System.Text.RegularExpressions.Regex.Escape(run)} --first 2\n", result.Out);
        Assert.Contains("#SBATCH --requeue", result.Out);
    }

    [Fact]
    public async Task A_cell_of_a_comparison_cannot_be_resumed_as_a_comparison()
    {
        var dry = await HostRun.RunAsync(["compare", "--schedules", "single", "--seeds", "1", "--compare-pruning-depth", "2", "--slurm", "--dry-run"]);
        Assert.True(dry.ExitCode == 0, dry.Error);
        var run = Assert.Single(dry.RunFolders);
        Assert.Equal(["seed1/single"], ComparisonManifestFile.Read(run).Cells.Select(c => c.Folder));

        var cell = await HostRun.RunAsync(["compare", "--resume", Path.Combine(run, "seed1", "single")], AutoLR.Host.AutoLrJobs.Catalog());
        Assert.True(cell.ExitCode == 1, cell.Error);
        Assert.Contains("is cell 0 (seed1/single) of the comparison", cell.Error);
        Assert.Contains($"compare-cell --comparison {run} --index 0", cell.Error);
    }
}
