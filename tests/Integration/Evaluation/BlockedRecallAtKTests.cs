using AutoLR.Torch.Evaluation;
using Reference = AutoLR.Algorithms.RecallAtK;

namespace AutoLR.Integration.Evaluation;

/// <summary>The blocked Recall@K against the F# reference, which is the specification (ties by lower index included).</summary>
public class BlockedRecallAtKTests
{
    private static readonly int[] SmallKs = [1, 2, 4, 8, 16];

    // Block sizes: one query, sizes that do not divide N, one larger than N, and the memory-chosen default.
    public static TheoryData<int, int?> SeedsAndBlocks => new()
    {
        { 1, 1 }, { 1, 7 }, { 2, 64 }, { 2, 1000 }, { 3, 33 }, { 3, null },
    };

    [Theory]
    [MemberData(nameof(SeedsAndBlocks))]
    public void SelfExcludedEqualsTheReferenceWithDuplicatedRows(int seed, int? blockSize)
    {
        var (embeddings, labels) = RetrievalSamples.GaussianWithDuplicates(seed, count: 301, dimension: 24, classes: 40);
        var expected = Reference.selfExcluded(embeddings.ToRows(), labels, SmallKs);
        var actual = BlockedRecallAtK.SelfExcluded(embeddings, labels, SmallKs, blockSize: blockSize);
        Assert.Equal(expected, actual.Recalls);
    }

    [Theory]
    [MemberData(nameof(SeedsAndBlocks))]
    public void SelfExcludedEqualsTheReferenceWhenTiesAreEverywhere(int seed, int? blockSize)
    {
        var (embeddings, labels) = RetrievalSamples.SignVectors(seed, count: 250, classes: 60);
        var expected = Reference.selfExcluded(embeddings.ToRows(), labels, SmallKs);
        var actual = BlockedRecallAtK.SelfExcluded(embeddings, labels, SmallKs, blockSize: blockSize);
        Assert.Equal(expected, actual.Recalls);
    }

    [Theory]
    [MemberData(nameof(SeedsAndBlocks))]
    public void QueryGalleryEqualsTheReference(int seed, int? blockSize)
    {
        int[] ks = [1, 10, 50, 200];
        foreach (var (all, labels) in new[]
                 {
                     RetrievalSamples.GaussianWithDuplicates(seed, count: 330, dimension: 24, classes: 30),
                     RetrievalSamples.SignVectors(seed, count: 330, classes: 30),
                 })
        {
            // Queries share rows with the gallery's duplicates; some query classes have no gallery item at all.
            var queries = RetrievalSamples.Slice(all, 0, 110);
            var gallery = RetrievalSamples.Slice(all, 110, 220);
            var queryLabels = labels[..110];
            var galleryLabels = labels[110..];
            var expected = Reference.queryGallery(queries.ToRows(), queryLabels, gallery.ToRows(), galleryLabels, ks);
            var actual = BlockedRecallAtK.QueryGallery(queries, queryLabels, gallery, galleryLabels, ks, blockSize: blockSize);
            Assert.Equal(expected, actual.Recalls);
        }
    }

    [Fact]
    public void RecallNeverDecreasesWithK()
    {
        var (embeddings, labels) = RetrievalSamples.GaussianWithDuplicates(seed: 5, count: 400, dimension: 8, classes: 50);
        int[] ks = [1, 2, 3, 4, 8, 16, 32, 64, 128, 399];
        var recalls = BlockedRecallAtK.SelfExcluded(embeddings, labels, ks, blockSize: 57).Recalls;
        for (var i = 1; i < recalls.Length; i++) Assert.True(recalls[i] >= recalls[i - 1], $"R@{ks[i]} < R@{ks[i - 1]}");
    }

    [Fact]
    public void PerfectClustersGiveRecallOne()
    {
        // Class c sits at ±basis vector c, slightly perturbed: every nearest neighbour is of the same class.
        const int classes = 8, perClass = 5, dimension = 8;
        var random = new Random(11);
        var values = new float[classes * perClass * dimension];
        var labels = new int[classes * perClass];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = i % classes;
            for (var j = 0; j < dimension; j++) values[i * dimension + j] = (float)(random.NextDouble() * 0.01);
            values[i * dimension + labels[i]] += 1f;
        }
        var embeddings = new Embeddings(values, labels.Length, dimension);
        var scores = BlockedRecallAtK.SelfExcluded(embeddings, labels, [1, 2, 4], blockSize: 3);
        Assert.All(scores.Recalls, recall => Assert.Equal(1.0, recall));
        var queryGallery = BlockedRecallAtK.QueryGallery(embeddings, labels, embeddings, labels, [1, 2, 4]);
        Assert.All(queryGallery.Recalls, recall => Assert.Equal(1.0, recall));
    }

    [Fact]
    public void TooLargeKNamesTheValueAndTheLimit()
    {
        var (embeddings, labels) = RetrievalSamples.SignVectors(seed: 1, count: 20, classes: 4);
        var selfExcluded = Assert.Throws<ArgumentOutOfRangeException>(() => BlockedRecallAtK.SelfExcluded(embeddings, labels, [1, 20]));
        Assert.Contains("Recall@20", selfExcluded.Message);
        Assert.Contains("K ≤ 19", selfExcluded.Message);

        var gallery = RetrievalSamples.Slice(embeddings, 0, 12);
        var queryGallery = Assert.Throws<ArgumentOutOfRangeException>(
            () => BlockedRecallAtK.QueryGallery(embeddings, labels, gallery, labels[..12], [13]));
        Assert.Contains("Recall@13", queryGallery.Message);
        Assert.Contains("K ≤ 12", queryGallery.Message);
    }

    [Fact]
    public void ScoresPrintAsPercentages()
    {
        var scores = new RecallScores([1, 10], [0.61234, 0.8], 5924);
        Assert.Equal("R@1 = 61.23 %, R@10 = 80.00 % (5924 queries)", scores.ToString());
        Assert.Equal(0.8, scores.At(10));
    }
}
