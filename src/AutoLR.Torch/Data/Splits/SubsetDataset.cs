using TorchSharp;

namespace AutoLR.Torch.Data.Splits;

/// <summary>
/// A view of some images of another data set, with the classes that remain relabelled densely (in the parent's label
/// order). Holds indices only; images come from the parent.
/// </summary>
public sealed class SubsetDataset : IRetrievalSplit
{
    private readonly IImageDataset _parent;
    private readonly long[] _indices;
    private readonly int[] _labels;

    /// <param name="description">What the subset is, for logs.</param>
    /// <param name="parent">The data set viewed.</param>
    /// <param name="indices">Parent indices, in the order the subset presents them.</param>
    public SubsetDataset(string description, IImageDataset parent, IReadOnlyList<int> indices)
    {
        foreach (var i in indices)
            if (i < 0 || i >= parent.Count)
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"A subset index is outside the parent's 0..{parent.Count - 1}.");
        Description = description;
        _parent = parent;
        _indices = indices.Select(i => (long)i).ToArray();
        var parentLabels = indices.Select(i => parent.Labels[i]).ToArray();
        var kept = parentLabels.Distinct().Order().ToArray();
        var dense = new Dictionary<int, int>(kept.Length);
        for (var i = 0; i < kept.Length; i++) dense[kept[i]] = i;
        _labels = parentLabels.Select(l => dense[l]).ToArray();
        ClassIds = parent is IRetrievalSplit split
            ? kept.Select(l => split.ClassIds[l]).ToArray()
            : kept.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        ParentLabels = kept;
    }

    public string Description { get; }
    public int Count => _indices.Length;
    public int ClassCount => ClassIds.Count;
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>The parent's class id of each dense label, or the parent's label when the parent is a plain data set.</summary>
    public IReadOnlyList<string> ClassIds { get; }

    /// <summary>The parent's dense label of each of this subset's labels.</summary>
    public IReadOnlyList<int> ParentLabels { get; }

    public int SkippedImages => 0;
    public int DroppedClasses => 0;

    public torch.Tensor GetImage(int index) => _parent.GetImage(checked((int)_indices[index]));

    public torch.Tensor GetBatch(ReadOnlySpan<long> indices)
    {
        var mapped = new long[indices.Length];
        for (var i = 0; i < indices.Length; i++) mapped[i] = _indices[checked((int)indices[i])];
        return _parent.GetBatch(mapped);
    }
}
