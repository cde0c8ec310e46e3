using AutoLR.Sweeps.Slurm;

namespace AutoLR.Integration.Slurm;

/// <summary>
/// The generated batch scripts, compared with files checked in under Golden/: a change to what Slurm is asked for
/// shows up as a diff in review. Set AUTOLR_UPDATE_GOLDEN=1 to rewrite them after an intended change.
/// </summary>
public class SbatchScriptTests
{
    private static readonly string[] Autolr = ["/usr/bin/dotnet", "/opt/autolr/autolr.dll"];
    private const string Sweep = "/data/sweeps/20260101-000000-sweep-abc123";
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void A_minimal_request_asks_for_requeue_append_and_the_warning_signal_and_execs_the_cell()
    {
        var request = new SlurmRequest(null, null, null, 1, null, null, null, SlurmRequest.DefaultWarningSeconds, false);
        AssertGolden("minimal.sbatch", SbatchScript.Render(request, Sweep, Hash, new ArrayChunk(0, 0, 4), Autolr));
    }

    [Fact]
    public void Every_option_becomes_its_sbatch_directive_and_the_second_chunk_starts_at_its_first_cell()
    {
        var request = new SlurmRequest("gpu", "4:00:00", "a100:1", 8, "32G", "lab", 16, 300, false);
        AssertGolden("all-options-chunk-1.sbatch", SbatchScript.Render(request, Sweep, Hash, new ArrayChunk(1, 1001, 500), Autolr));
    }

    [Fact]
    public void Large_sweeps_split_into_arrays_below_MaxArraySize_covering_every_cell_once()
    {
        var chunks = ArrayChunk.Split(2500, 1001);
        Assert.Equal([(0, 1001), (1001, 1001), (2002, 498)], chunks.Select(c => (c.First, c.Count)));
        Assert.Equal(Enumerable.Range(0, 2500), chunks.SelectMany(c => Enumerable.Range(c.First, c.Count)));
        Assert.Single(ArrayChunk.Split(4, 1001));
    }

    [Fact]
    public void A_resubmission_lists_task_ids_of_its_chunk_as_ranges_with_the_parallel_limit()
    {
        var chunk = new ArrayChunk(1, 1001, 1001);
        Assert.Equal("0,3-5,9%2", chunk.ArraySpec([1001, 1004, 1005, 1006, 1010], 2));
        Assert.Equal("7", chunk.ArraySpec([1008], null));
    }

    private static void AssertGolden(string name, string actual)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Slurm", "Golden", name);
        if (Environment.GetEnvironmentVariable("AUTOLR_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(RepositoryRoot.Path, "tests", "Integration", "Slurm", "Golden", name);
            File.WriteAllText(source, actual);
            return;
        }
        Assert.True(File.Exists(file), $"{file} is missing; run the test with AUTOLR_UPDATE_GOLDEN=1 to write it, then review it.");
        Assert.Equal(File.ReadAllText(file), actual);
    }
}
