using System.Text.Json.Nodes;
using AutoLR.Commands;
using AutoLR.Sweeps;
using AutoLR.Integration.Host;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Sweeps;

namespace AutoLR.Integration.Slurm;

/// <summary>
/// The sweep folder without a cluster: what `sweep --slurm --dry-run` writes, the cell command's index and
/// finished-cell rules, and the switches' configuration errors (exit 2, nothing submitted).
/// </summary>
public class SweepFolderTests
{
    [Fact]
    public async Task A_dry_run_writes_the_manifest_one_run_directory_per_cell_and_the_script_and_submits_nothing()
    {
        var result = await HostRun.RunAsync(["sweep", "--grid", "alpha=1,2;schedule=autolr,single;seed=1,2", "--slurm", "--dry-run", "--max-parallel", "3"]);
        Assert.True(result.ExitCode == 0, result.Error);
        var sweep = Assert.Single(result.RunFolders);
        Assert.Contains("#SBATCH --array=0-7%3", result.Out);
        Assert.Contains("nothing submitted", result.Out);
        Assert.False(File.Exists(Path.Combine(sweep, "slurm", "submissions.jsonl")));

        var cells = SweepManifestFile.Read(sweep).Cells;
        Assert.Equal(8, cells.Count);
        Assert.Equal("alpha=1,schedule=autolr,seed=1", cells[0].Label);
        Assert.Equal("alpha=2,schedule=single,seed=2", cells[7].Label);
        var last = RunConfigFile.Read(Path.Combine(sweep, "alpha=2_schedule=single_seed=2"));
        Assert.Equal("sweep", last.Command);
        Assert.Equal("single", last.Settings["Schedule"]!.GetValue<string>());
        Assert.Equal(2, last.Integer("Seed"));
        Assert.Equal(2.0, last.Settings["Alpha"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_finished_cell_exits_0_at_once_and_an_index_outside_the_sweep_is_a_configuration_error()
    {
        var dry = await HostRun.RunAsync(["sweep", "--grid", "alpha=1,2", "--slurm", "--dry-run"]);
        var sweep = Assert.Single(dry.RunFolders);
        await File.WriteAllTextAsync(Path.Combine(sweep, "alpha=2", ResultsFile.FileName), ResultsFile.Render(new RunResults("sweep", "fashion-mnist", null, 1, "autolr", 0,
            null, 2, 0.4, 1, new Dictionary<int, double> { [1] = 0.5 }, RecordedSettings.None)));

        var finished = await HostRun.RunAsync(["sweep-cell", "--sweep", sweep], environment: new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "1" });
        Assert.Equal(ExitCodes.Success, finished.ExitCode);
        Assert.Contains("cell 1 (alpha=2) is finished", finished.Out);

        var outside = await HostRun.RunAsync(["sweep-cell", "--sweep", sweep, "--index", "2"]);
        Assert.Equal(ExitCodes.InvalidConfiguration, outside.ExitCode);
        Assert.Contains("cells 0-1", outside.Error);

        var none = await HostRun.RunAsync(["sweep-cell", "--sweep", sweep]);
        Assert.Equal(ExitCodes.InvalidConfiguration, none.ExitCode);
        Assert.Contains("SLURM_ARRAY_TASK_ID", none.Error);

        var collect = await HostRun.RunAsync(["sweep-collect", "--sweep", sweep]);
        Assert.Equal(ExitCodes.CellNotFinished, collect.ExitCode);
        Assert.Contains("0 alpha=1", collect.Out);
    }

    [Theory]
    [InlineData("--grid alpha=1,2 --dry-run", "add --slurm")]
    [InlineData("--grid alpha=1,2 --slurm --dry-run --warning-seconds 30", "at least 90")]
    [InlineData("--grid alpha=1,2 --slurm --dry-run --max-parallel 0", "positive whole number")]
    [InlineData("--grid backbone=resnet18 --slurm --dry-run", "--grid")]
    public async Task Slurm_switches_that_cannot_work_stop_with_exit_2_before_anything_is_written(string switches, string message)
    {
        var result = await HostRun.RunAsync(["sweep", .. switches.Split(' ')]);
        Assert.Equal(ExitCodes.InvalidConfiguration, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Empty(result.RunFolders);
    }

    [Fact]
    public void The_manifest_refuses_a_folder_it_did_not_write()
    {
        var folder = HostRun.NewTemporaryFolder();
        Assert.Contains("sweep.json", Assert.Throws<SweepFolderException>(() => SweepFolder.Open(folder)).Message);
    }
}
