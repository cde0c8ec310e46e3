using AutoLR.Algorithms;
using AutoLR.Experiments.Stages;
using AutoLR.Runs.Checkpoints;
using Microsoft.FSharp.Core;

namespace AutoLR.Integration.Host;

/// <summary>Checkpoints are written atomically and verified on load: damage is reported with the file name, never loaded.</summary>
public class CheckpointTests
{
    private static Checkpoint Sample() =>
        new Checkpoint()
            .Set(CheckpointEntries.Weights, Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray())
            .Set(CheckpointEntries.Optimizer, [])
            .SetJson(CheckpointEntries.Controller, new { blockLrs = new[] { 0.01, 0.02 } })
            .SetJson(CheckpointEntries.Position, new LoopPosition("finetune", 3, 2, 17, 1));

    [Fact]
    public void Round_trip_keeps_every_entry()
    {
        var store = new CheckpointStore(HostRun.NewTemporaryFolder());
        var file = store.Save("epoch-3", Sample());
        var loaded = CheckpointStore.Load(file);
        Assert.Equal(Sample().Names, loaded.Names);
        Assert.Equal(Sample().Get(CheckpointEntries.Weights), loaded.Get(CheckpointEntries.Weights));
        Assert.Empty(loaded.Get(CheckpointEntries.Optimizer));
        Assert.Equal(new LoopPosition("finetune", 3, 2, 17, 1), loaded.GetJson<LoopPosition>(CheckpointEntries.Position));
    }

    [Fact]
    public void Controller_state_round_trips_with_the_epochs_trials_and_older_ones_load_without_them()
    {
        var state = new ControllerState(
            ["block1", "block2"], 2, 2,
            [new EpochTrial([0.01, 0.02], [1e-5, double.NaN]), new EpochTrial([0.1 / 3, 1.0], [double.PositiveInfinity, 3e-5])], [0.01, 0.02],
            FSharpOption<double[]>.Some([1e-4, 2e-4]),
            FSharpOption<Tuple<int, double, double[]>>.Some(Tuple.Create(1, 0.75, new[] { 0.01, 0.02 })), 0);
        var saved = new Checkpoint().SetJson(CheckpointEntries.Controller, ControllerStateJson.From(state));
        Assert.Equal(state, saved.GetJson<ControllerStateJson>(CheckpointEntries.Controller).ToState());

        // Written before the epoch's LRs were kept, and (main 83155b5) before their variations were.
        var older = new Checkpoint().SetJson(CheckpointEntries.Controller, new
        {
            layers = new[] { "block1", "block2" }, epoch = 3, trialsThisEpoch = 0, blockLrs = new[] { 0.01, 0.02 },
            targets = (double[]?)null, bestTrial = (int?)null, bestSortingQuality = (double?)null, bestLrs = (double[]?)null,
            divergences = 0,
        });
        var loaded = older.GetJson<ControllerStateJson>(CheckpointEntries.Controller).ToState();
        Assert.Empty(loaded.EpochTrials);
        Assert.Equal(3, loaded.Epoch);

        var withLrsOnly = new Checkpoint().SetJson(CheckpointEntries.Controller, new
        {
            layers = new[] { "block1", "block2" }, epoch = 3, trialsThisEpoch = 1, blockLrs = new[] { 0.02, 0.04 },
            targets = (double[]?)null, bestTrial = (int?)null, bestSortingQuality = (double?)null, bestLrs = (double[]?)null,
            divergences = 0, lrsThisEpoch = new[] { new[] { 0.01, 0.02 } },
        });
        var trial = Assert.Single(withLrsOnly.GetJson<ControllerStateJson>(CheckpointEntries.Controller).ToState().EpochTrials);
        Assert.Equal([0.01, 0.02], trial.Lrs);
        Assert.All(trial.Variations, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Write_leaves_no_temporary_file()
    {
        var folder = HostRun.NewTemporaryFolder();
        var store = new CheckpointStore(folder);
        store.Save("epoch-1", Sample());
        store.Save("epoch-2", Sample());
        Assert.All(Directory.GetFiles(folder), f => Assert.DoesNotContain(DurableFile.TemporaryPrefix, Path.GetFileName(f)));
    }

    [Theory]
    [InlineData(30)]      // header
    [InlineData(5_000)]   // weights blob
    [InlineData(-1)]      // checksum itself
    public void Flipped_byte_is_detected(int offset)
    {
        var file = new CheckpointStore(HostRun.NewTemporaryFolder()).Save("epoch-1", Sample());
        var bytes = File.ReadAllBytes(file);
        var at = offset >= 0 ? offset : bytes.Length + offset;
        bytes[at] ^= 0x01;
        File.WriteAllBytes(file, bytes);
        var error = Assert.Throws<CheckpointCorruptException>(() => CheckpointStore.Load(file));
        Assert.Contains(file, error.Message);
    }

    /// <summary>
    /// A checkpoint whose checksum matches but whose entry table names an entry with nothing, or with bytes that are not
    /// UTF-8, is damaged (the checksum only proves the bytes are the ones written, not that a writer of ours wrote them).
    /// The first entry's name starts after the 24-byte header and its 2-byte length.
    /// </summary>
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE }, "has a name that is not UTF-8")]
    [InlineData(new byte[0], "has an empty name")]
    public void An_entry_name_that_no_writer_makes_is_damage(byte[] name, string expected)
    {
        var single = new Checkpoint().Set("ab", [1, 2, 3]);
        var file = new CheckpointStore(HostRun.NewTemporaryFolder()).Save("epoch-1", single);
        var bytes = File.ReadAllBytes(file);
        const int nameAt = 24 + 2;
        Assert.Equal("ab"u8.ToArray(), bytes[nameAt..(nameAt + 2)]);
        byte[] payload = [.. bytes[..(nameAt - 2)], (byte)name.Length, 0, .. name, .. bytes[(nameAt + 2)..^32]];
        if (name.Length == 0) payload = [.. payload, 0, 0];  // the payload's length is in the header: keep it
        File.WriteAllBytes(file, [.. payload, .. System.Security.Cryptography.SHA256.HashData(payload)]);

        var error = Assert.Throws<CheckpointCorruptException>(() => CheckpointStore.Load(file));

        Assert.Contains(file, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(9_000)]
    public void Truncation_is_detected(int cut)
    {
        var file = new CheckpointStore(HostRun.NewTemporaryFolder()).Save("epoch-1", Sample());
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^cut]);
        var error = Assert.Throws<CheckpointCorruptException>(() => CheckpointStore.Load(file));
        Assert.Contains(file, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Latest_skips_a_damaged_newest_checkpoint_and_names_it()
    {
        var store = new CheckpointStore(HostRun.NewTemporaryFolder());
        var older = store.Save("epoch-1", Sample());
        var newest = store.Save("epoch-2", Sample());
        File.WriteAllBytes(newest, File.ReadAllBytes(newest)[..100]);
        var load = store.LoadLatest();
        Assert.Equal(older, load.File);
        Assert.NotNull(load.Checkpoint);
        Assert.Equal(newest, Assert.Single(load.Rejected).File);
    }

    [Fact]
    public void Store_keeps_only_the_newest_few()
    {
        var folder = HostRun.NewTemporaryFolder();
        var store = new CheckpointStore(folder, keep: 2);
        for (var epoch = 1; epoch <= 4; epoch++) store.Save($"epoch-{epoch}", Sample());
        Assert.Equal(["000003-epoch-3.ckpt", "000004-epoch-4.ckpt"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("absurdly large", "it cannot be read as a checkpoint: it is 3,221,225,472 bytes, more than the")]
    [InlineData("a FIFO", "it cannot be read as a checkpoint: it is a FIFO (named pipe), not a regular file")]
    public async Task An_unreadable_newest_checkpoint_is_named_and_the_older_intact_one_loads(string what, string problem)
    {
        var store = new CheckpointStore(HostRun.NewTemporaryFolder());
        var older = store.Save("epoch-1", Sample());
        var newest = store.Save("epoch-2", Sample());
        File.Delete(newest);
        switch (what)
        {
            case "absurdly large":
                // Sparse: 3 GB of nothing, more than File.ReadAllBytes can hold, which used to end the resume unexplained.
                using (var file = File.Create(newest)) file.SetLength(3L << 30);
                break;
            default:
                using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [newest])!) await mkfifo.WaitForExitAsync();
                break;
        }
        // A FIFO would block the open forever: the load runs against a clock.
        var load = await Task.Run(store.LoadLatest).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(older, load.File);
        Assert.NotNull(load.Checkpoint);
        var rejected = Assert.Single(load.Rejected);
        Assert.Equal(newest, rejected.File);
        Assert.StartsWith(problem, rejected.Problem);
    }
}
