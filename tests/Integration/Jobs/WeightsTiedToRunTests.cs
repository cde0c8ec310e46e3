using AutoLR.Experiments.Stages;
using AutoLR.Integration.Fixtures;
using AutoLR.Integration.Host;
using AutoLR.RunFormat.Results;
using AutoLR.Runs.Checkpoints;

namespace AutoLR.Integration.Jobs;

/// <summary>
/// A run's weights are tied to it: results.json and the checkpoint written after its last epoch record the SHA-256 of
/// the weights.safetensors it left, and evaluate, embed and export refuse (exit 1, naming both hashes, leaving no run
/// directory) a weights file that is not the run's. Runs written before the hash existed are used as they are, with a
/// warning that they cannot be checked.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class WeightsTiedToRunTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task Weights_copied_in_from_another_run_are_refused_by_evaluate_embed_and_export()
    {
        var a = await FineTune(seed: 1);
        var b = await FineTune(seed: 2);
        var recorded = ResultsFile.Read(Path.Combine(a, ResultsFile.FileName)).WeightsSha256;
        var own = AutoLrChild.Sha256(Path.Combine(a, "weights.safetensors")).ToLowerInvariant();
        Assert.Equal(own, recorded);
        var ledger = new CheckpointStore(Path.Combine(a, "checkpoints")).LoadLatest().Checkpoint!.GetJson<JobLedger>(JobLedger.Entry);
        Assert.Equal(own, Assert.Single(ledger.Done).WeightsSha256);

        File.Copy(Path.Combine(b, "weights.safetensors"), Path.Combine(a, "weights.safetensors"), overwrite: true);
        var foreign = AutoLrChild.Sha256(Path.Combine(b, "weights.safetensors")).ToLowerInvariant();
        Assert.NotEqual(own, foreign);

        foreach (var command in new[] { "evaluate", "embed", "export" })
        {
            var output = HostRun.NewTemporaryFolder();
            var refused = await AutoLrChild.RunAsync(_cache, [command, "--from", a, "--output", output]);
            Assert.True(refused.ExitCode == 1, $"{command}: {refused}");
            Assert.Contains($"has SHA-256 {foreign}, but", refused.Error);
            Assert.Contains($"records {own} for the weights this run trained", refused.Error);
            Assert.Empty(Directory.GetFileSystemEntries(output));
            AutoLrChild.AssertNoStackTrace(refused.Error);
        }
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("embed")]
    [InlineData("export")]
    public async Task A_run_from_before_the_hash_is_used_with_a_warning(string command)
    {
        var output = HostRun.NewTemporaryFolder();

        var run = await AutoLrChild.RunAsync(_cache, [command, "--from", RunDirectories83155b5.Copy("finetune-single"), "--output", output]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("records no hash of the run's weights", run.Error);
        Assert.Contains("cannot be checked to be this run's; it is used as it is", run.Error);
        Assert.Single(Directory.GetDirectories(output));
    }

    private async Task<string> FineTune(int seed)
    {
        var output = HostRun.NewTemporaryFolder();
        var run = await AutoLrChild.RunAsync(_cache, ["finetune", "--schedule", "single", .. AutoLrChild.Tiny, "--epochs", "1", "--pruning-depth", "8", "--seed", seed.ToString(), "--output", output]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return AutoLrChild.RunFolder(output);
    }
}
