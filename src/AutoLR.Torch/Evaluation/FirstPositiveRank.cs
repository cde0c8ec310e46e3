using static TorchSharp.torch;

namespace AutoLR.Torch.Evaluation;

/// <summary>
/// Where each query's first same-class neighbour sits in its ranking (similarity descending, lower gallery index first
/// on ties), counted from 0: the query is a hit at K exactly when this rank is below K. Computed by counting rather
/// than sorting, because libtorch promises no order among equal values (in <c>topk</c> or <c>sort</c>), while the F#
/// reference breaks ties by index.
/// </summary>
internal static class FirstPositiveRank
{
    /// <summary>
    /// From a row's top candidates (from <c>topk</c>, values descending). Exact when the candidates hold every item at
    /// least as similar as the <paramref name="reach"/>-th, i.e. no tie straddles the cut: the caller checks that.
    /// A query whose first positive lies beyond the reach gets <paramref name="missing"/>.
    /// </summary>
    /// <param name="values">[b, c] similarities, descending along each row, c ≥ reach.</param>
    /// <param name="indexes">[b, c] gallery indices of <paramref name="values"/>.</param>
    /// <param name="queryLabels">[b] labels of the queries.</param>
    /// <param name="galleryLabels">[G] labels of the gallery.</param>
    /// <param name="reach">The largest K asked for.</param>
    /// <param name="missing">Rank given to queries with no positive within reach (≥ any K).</param>
    public static Tensor AmongCandidates(Tensor values, Tensor indexes, Tensor queryLabels, Tensor galleryLabels, int reach, long missing)
    {
        using var scope = NewDisposeScope();
        var cut = values.narrow(1, reach - 1, 1);
        var sameClass = galleryLabels.index_select(0, indexes.flatten()).view(indexes.shape).eq(queryLabels.unsqueeze(1));
        var positiveInReach = sameClass.logical_and(values.ge(cut));
        var best = values.masked_fill(positiveInReach.logical_not(), float.NegativeInfinity).amax([1], keepdim: true);
        var bestIndex = indexes.masked_fill(positiveInReach.logical_not().logical_or_(values.ne(best)), long.MaxValue)
            .amin([1], keepdim: true);
        var ahead = sameClass.logical_not().logical_and_(values.gt(best).logical_or_(values.eq(best).logical_and_(indexes.lt(bestIndex))));
        var rank = ahead.sum(1, type: ScalarType.Int64);
        var found = best.squeeze(1).isfinite();
        return rank.masked_fill_(found.logical_not(), missing).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// From whole similarity rows: other-class items strictly more similar than the best positive, plus equally similar
    /// ones with a lower index. O(rows × G) memory; used for rows where a tie straddles the top-candidate cut.
    /// </summary>
    /// <param name="similarity">[r, G]; an excluded item (the query itself) holds −∞.</param>
    /// <param name="queryLabels">[r] labels of the queries.</param>
    /// <param name="galleryLabels">[G] labels of the gallery.</param>
    /// <param name="missing">Rank given to queries with no positive at all.</param>
    public static Tensor OverFullRows(Tensor similarity, Tensor queryLabels, Tensor galleryLabels, long missing)
    {
        using var scope = NewDisposeScope();
        var galleryIndex = arange(similarity.shape[1], ScalarType.Int64, similarity.device).unsqueeze(0);
        var otherClass = queryLabels.unsqueeze(1).ne(galleryLabels.unsqueeze(0));
        var otherSimilarity = similarity.masked_fill(otherClass.logical_not(), float.NegativeInfinity);
        var sameSimilarity = similarity.masked_fill(otherClass, float.NegativeInfinity);
        // An excluded item holds −∞ and so can never be the best positive of a query that has one.
        var best = sameSimilarity.amax([1], keepdim: true);
        var bestIndex = galleryIndex.masked_fill(sameSimilarity.ne(best), long.MaxValue).amin([1], keepdim: true);
        var ahead = otherSimilarity.gt(best).logical_or_(otherSimilarity.eq(best).logical_and_(galleryIndex.lt(bestIndex)));
        var rank = ahead.sum(1, type: ScalarType.Int64);
        var found = best.squeeze(1).isfinite();
        return rank.masked_fill_(found.logical_not(), missing).MoveToOuterDisposeScope();
    }
}
