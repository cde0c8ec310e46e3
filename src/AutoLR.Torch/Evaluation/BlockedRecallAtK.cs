using TorchSharp;
using static TorchSharp.torch;

namespace AutoLR.Torch.Evaluation;

/// <summary>
/// Recall@K by cosine similarity (DESIGN §4), computed a block of queries at a time so memory stays
/// O(block × N), never N × N. Ties are broken by lower gallery index, exactly as the F# reference
/// <c>AutoLR.Algorithms.RecallAtK</c> does.
/// </summary>
/// <remarks>
/// Per block: similarities by one matrix product, then <c>topk</c> of the largest K plus one. libtorch promises no
/// order among equal values, so the order of the candidates is not used: the rank of the first same-class neighbour
/// is counted from their values and indices (<see cref="FirstPositiveRank"/>). The one extra candidate shows the rows
/// where a tie straddles the cut, whose kept members topk chose arbitrarily; those rows are ranked over the full row.
/// </remarks>
public static class BlockedRecallAtK
{
    /// <summary>Working memory a block may take by default; the block size follows from it and the gallery size.</summary>
    public const long DefaultBlockBytes = 256L << 20;

    // Half the budget holds the block's float32 similarities, in one buffer reused by every block: a fresh block-sized
    // result per block was a new mapping of tens of MB, page-faulted in and zeroed each time (measured in bench/README, "recall"). The other half
    // bounds the full-row pass over rows where a tie straddles the top-candidate cut (two float32 buffers, int64 index
    // candidates, one-byte masks: about 20 bytes per similarity), which takes those rows a fifth of a block at a time.
    private const long SimilarityBytes = 4;
    private const long FullRowBytesPerSimilarity = 20;

    /// <summary>The block size (queries per block) whose working memory stays near <paramref name="budgetBytes"/>.</summary>
    /// <remarks>
    /// Each block's product streams the whole gallery through the BLAS once, so larger blocks spread that cost over
    /// more queries: at N = 60,000 this gives 559 queries where 24 bytes per similarity gave 186.
    /// </remarks>
    public static int DefaultBlockSize(int galleryCount, long budgetBytes = DefaultBlockBytes) =>
        (int)Math.Clamp(budgetBytes / 2 / (SimilarityBytes * Math.Max(1, galleryCount)), 1, 16384);

    /// <summary>
    /// Each embedding is a query against all the others (itself excluded): CUB, Cars, SOP. K may be at most N − 1.
    /// </summary>
    /// <param name="embeddings">[N, d]; need not be normalised (each row is L2-normalised here).</param>
    /// <param name="labels">N class labels.</param>
    /// <param name="ks">The K values, e.g. 1, 2, 4, 8.</param>
    /// <param name="device">Where to compute; CPU when null.</param>
    /// <param name="blockSize">Queries per block; <see cref="DefaultBlockSize"/> when null.</param>
    public static RecallScores SelfExcluded(
        Embeddings embeddings, IReadOnlyList<int> labels, int[] ks, Device? device = null, int? blockSize = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        using var all = embeddings.ToTensor(device);
        return SelfExcluded(all, labels, ks, device, blockSize);
    }

    /// <summary>As the <see cref="Embeddings"/> overload, for a float [N, d] tensor on any device (not modified).</summary>
    public static RecallScores SelfExcluded(
        Tensor embeddings, IReadOnlyList<int> labels, int[] ks, Device? device = null, int? blockSize = null)
    {
        var count = RequireMatrix(embeddings, nameof(embeddings));
        RequireLabels(labels, count, nameof(labels));
        RequireKs(ks, count - 1, $"{count} embeddings, the query itself excluded");
        return Compute(embeddings, labels, embeddings, labels, ks, excludeSelf: true, device, blockSize);
    }

    /// <summary>
    /// Queries against a separate gallery (In-shop): neighbours come from the gallery only. K may be at most the
    /// gallery size.
    /// </summary>
    public static RecallScores QueryGallery(
        Embeddings queries, IReadOnlyList<int> queryLabels, Embeddings gallery, IReadOnlyList<int> galleryLabels,
        int[] ks, Device? device = null, int? blockSize = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(gallery);
        using var q = queries.ToTensor(device);
        using var g = gallery.ToTensor(device);
        return QueryGallery(q, queryLabels, g, galleryLabels, ks, device, blockSize);
    }

    /// <summary>As the <see cref="Embeddings"/> overload, for float [N, d] tensors on any device (not modified).</summary>
    public static RecallScores QueryGallery(
        Tensor queries, IReadOnlyList<int> queryLabels, Tensor gallery, IReadOnlyList<int> galleryLabels,
        int[] ks, Device? device = null, int? blockSize = null)
    {
        var queryCount = RequireMatrix(queries, nameof(queries));
        var galleryCount = RequireMatrix(gallery, nameof(gallery));
        if (queries.shape[1] != gallery.shape[1])
            throw new ArgumentException(
                $"Queries have dimension {queries.shape[1]} but the gallery has {gallery.shape[1]}: both must come from the same embedding.");
        RequireLabels(queryLabels, queryCount, nameof(queryLabels));
        RequireLabels(galleryLabels, galleryCount, nameof(galleryLabels));
        RequireKs(ks, galleryCount, $"a gallery of {galleryCount}");
        return Compute(queries, queryLabels, gallery, galleryLabels, ks, excludeSelf: false, device, blockSize);
    }

    private static RecallScores Compute(
        Tensor queries, IReadOnlyList<int> queryLabels, Tensor gallery, IReadOnlyList<int> galleryLabels,
        int[] ks, bool excludeSelf, Device? device, int? blockSize)
    {
        device ??= CPU;
        var queryCount = (int)queries.shape[0];
        var galleryCount = (int)gallery.shape[0];
        var block = blockSize ?? DefaultBlockSize(galleryCount);
        if (block < 1) throw new ArgumentOutOfRangeException(nameof(blockSize), block, "The block size must be at least 1 query.");

        var hits = new long[ks.Length];
        var reach = ks.Max();
        // One candidate beyond the largest K shows whether a tie straddles the cut (the gallery permitting).
        var candidates = Math.Min(reach + 1, galleryCount);
        using var inference = inference_mode();
        using var setup = NewDisposeScope();
        var q = nn.functional.normalize(queries.to(ScalarType.Float32, device), p: 2, dim: 1);
        var g = ReferenceEquals(queries, gallery) ? q : nn.functional.normalize(gallery.to(ScalarType.Float32, device), p: 2, dim: 1);
        var gT = g.t();
        var qLabels = tensor(queryLabels.ToArray(), device: device);
        var gLabels = tensor(galleryLabels.ToArray(), device: device);
        var kLimits = tensor(ks.Select(k => (long)k).ToArray(), device: device);
        var buffer = empty(Math.Min(block, queryCount), galleryCount, ScalarType.Float32, device);
        // Rows the full-row tie pass takes at once: no more memory than the similarity buffer.
        var tieChunk = (int)Math.Max(1, block * SimilarityBytes / FullRowBytesPerSimilarity);

        for (var start = 0; start < queryCount; start += block)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(block, queryCount - start);
            var blockLabels = qLabels.narrow(0, start, length);
            // β = 0: addmm_ overwrites the buffer (its old values are not read), the same product as mm.
            var similarity = buffer.narrow(0, 0, length).addmm_(q.narrow(0, start, length), gT, beta: 0, alpha: 1);
            if (excludeSelf)
            {
                var self = arange(start, start + length, ScalarType.Int64, device).unsqueeze(1);
                similarity.scatter_(1, self, full(length, 1, float.NegativeInfinity, device: device));
            }

            var (values, indexes) = similarity.topk(candidates, dim: 1);
            var rank = FirstPositiveRank.AmongCandidates(values, indexes, blockLabels, gLabels, reach, missing: galleryCount);
            if (candidates > reach)
            {
                // Rows whose reach-th and next candidates tie: which of the tied items topk kept is arbitrary.
                var straddling = values.select(1, reach).eq(values.select(1, reach - 1));
                if (straddling.any().item<bool>())
                {
                    var rows = straddling.nonzero().squeeze(1);
                    for (long first = 0; first < rows.shape[0]; first += tieChunk)
                    {
                        using var chunkScope = NewDisposeScope();
                        var chunk = rows.narrow(0, first, Math.Min(tieChunk, rows.shape[0] - first));
                        var exact = FirstPositiveRank.OverFullRows(
                            similarity.index_select(0, chunk), blockLabels.index_select(0, chunk), gLabels, missing: galleryCount);
                        rank.index_copy_(0, chunk, exact);
                    }
                }
            }

            var counts = rank.unsqueeze(1).lt(kLimits.unsqueeze(0)).sum(0, type: ScalarType.Int64).cpu().data<long>().ToArray();
            for (var i = 0; i < ks.Length; i++) hits[i] += counts[i];
        }

        return new RecallScores(
            (int[])ks.Clone(), hits.Select(h => queryCount == 0 ? 0.0 : (double)h / queryCount).ToArray(), queryCount);
    }

    private static int RequireMatrix(Tensor embeddings, string name)
    {
        ArgumentNullException.ThrowIfNull(embeddings, name);
        if (embeddings.dim() != 2 || !embeddings.is_floating_point())
            throw new ArgumentException(
                $"Embeddings must be a floating-point [N, d] tensor, got {embeddings.dtype} [{string.Join(", ", embeddings.shape)}].", name);
        return checked((int)embeddings.shape[0]);
    }

    private static void RequireLabels(IReadOnlyList<int> labels, int count, string name)
    {
        ArgumentNullException.ThrowIfNull(labels, name);
        if (labels.Count != count)
            throw new ArgumentException($"{count} embeddings but {labels.Count} labels: give one label per embedding.", name);
    }

    private static void RequireKs(int[] ks, int limit, string what)
    {
        ArgumentNullException.ThrowIfNull(ks);
        if (ks.Length == 0) throw new ArgumentException("No K values given: ask for at least one, e.g. 1, 2, 4, 8.", nameof(ks));
        foreach (var k in ks)
        {
            if (k < 1) throw new ArgumentOutOfRangeException(nameof(ks), k, $"Recall@K needs K ≥ 1, got K = {k}.");
            if (k > limit)
                throw new ArgumentOutOfRangeException(
                    nameof(ks), k, $"Recall@{k} asks for {k} neighbours but only {limit} exist ({what}): use K ≤ {limit}.");
        }
    }
}
