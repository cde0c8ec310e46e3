using System.Text.Json.Nodes;
using AutoLR.Algorithms;
using AutoLR.Integration.Host;
using AutoLR.RunFormat.Evaluation;
using AutoLR.Torch.EmbeddingFiles;

namespace AutoLR.Integration.Jobs;

/// <summary>
/// `embed --from` on a finished tiny fine-tune: the files it writes are what `evaluate` scores, so Recall@K recomputed
/// from them (by the F# reference, from the bytes on disk) equals `evaluate`'s.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class EmbedJobTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task Recall_recomputed_from_the_embedding_files_equals_evaluate()
    {
        var trained = HostRun.NewTemporaryFolder();
        var finetune = await AutoLrChild.RunAsync(_cache,
            ["finetune", "--schedule", "single", "--pruning-depth", "2", "--epochs", "1", .. AutoLrChild.Tiny, "--output", trained]);
        Assert.True(finetune.ExitCode == 0, finetune.ToString());
        var run = AutoLrChild.RunFolder(trained);

        var evaluated = HostRun.NewTemporaryFolder();
        var evaluation = await AutoLrChild.RunAsync(_cache, ["evaluate", "--from", run, "--output", evaluated]);
        Assert.True(evaluation.ExitCode == 0, evaluation.ToString());
        var expected = EvaluationFile.Read(Path.Combine(AutoLrChild.RunFolder(evaluated), "evaluation.json")).RecallAtK;

        var embedded = HostRun.NewTemporaryFolder();
        var embed = await AutoLrChild.RunAsync(_cache, ["embed", "--from", run, "--output", embedded]);
        Assert.True(embed.ExitCode == 0, embed.ToString());
        Assert.Contains("Recall@K recomputed from the embedding files", embed.Out);
        var folder = AutoLrChild.RunFolder(embedded);
        var files = SplitEmbeddingFiles.In(folder, "test");

        var (values, shape) = NpyArrays.ReadFloat32(files.Embeddings);
        var (labels, labelShape) = NpyArrays.ReadInt64(files.Labels);
        var count = (int)shape[0];
        var dimension = (int)shape[1];
        Assert.Equal(60, count); // 5 test classes × 12 images
        Assert.Equal(512, dimension); // depth 2 of [2, 2, 2, 3] keeps layer4.0
        Assert.Equal([count], labelShape);
        var rows = Enumerable.Range(0, count).Select(i => values.AsSpan(i * dimension, dimension).ToArray()).ToArray();
        Assert.All(rows, row => Assert.Equal(1.0, Math.Sqrt(row.Sum(x => (double)x * x)), 5));

        int[] ks = [1, 2, 4, 8];
        var recomputed = RecallAtK.selfExcluded(rows, labels.Select(l => (int)l).ToArray(), ks);
        for (var i = 0; i < ks.Length; i++)
            Assert.Equal(expected[ks[i]], recomputed[i], 6);

        var sources = File.ReadAllLines(files.Sources).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(count, sources.Count);
        Assert.All(sources.Select((s, i) => (s, i)), x =>
        {
            Assert.Equal(x.i, x.s["index"]!.GetValue<int>());
            Assert.Equal(labels[x.i], x.s["label"]!.GetValue<long>());
            Assert.InRange(x.s["row"]!.GetValue<int>(), 0, 69_999);
        });
    }
}
