using AutoLR.Torch.Data.Preprocessing;
using TorchSharp;

namespace AutoLR.Torch.Data.FashionMnist;

/// <summary>
/// One split of Fashion-MNIST. Keeps the raw 28×28 bytes (shared by both splits, 70,000 × 784 bytes) and builds a
/// batch in one go: bytes → [0, 1] → bilinear resize to the image size (align_corners = false, no antialias; only
/// upsampling is expected) → grey copied to 3 channels → the backbone's normalisation.
/// </summary>
public sealed class FashionMnistDataset : IRetrievalSplit
{
    public const int Side = 28;
    private const int Pixels = Side * Side;

    private readonly byte[] _pool;
    private readonly int[] _rows;
    private readonly int[] _labels;
    private readonly InputNormaliser _normaliser;

    /// <param name="description">What the split is, for logs.</param>
    /// <param name="pool">All images, row after row, 784 bytes each; shared, not copied.</param>
    /// <param name="rows">The pool rows of this split.</param>
    /// <param name="labels">Dense label of each row.</param>
    /// <param name="classIds">Fashion-MNIST class of each dense label.</param>
    /// <param name="normaliser">The backbone's input normalisation at the image size.</param>
    public FashionMnistDataset(string description, byte[] pool, int[] rows, int[] labels, string[] classIds, InputNormaliser normaliser)
    {
        if (rows.Length != labels.Length) throw new ArgumentException($"{rows.Length} rows but {labels.Length} labels.", nameof(labels));
        Description = description;
        _pool = pool;
        _rows = rows;
        _labels = labels;
        ClassIds = classIds;
        _normaliser = normaliser;
    }

    public string Description { get; }
    public int Count => _rows.Length;
    public int ClassCount => ClassIds.Count;
    public IReadOnlyList<int> Labels => _labels;
    public IReadOnlyList<string> ClassIds { get; }
    public int SkippedImages => 0;
    public int DroppedClasses => 0;

    /// <summary>Row of each image in the pooled files: 0–59,999 the train file, 60,000–69,999 the t10k file.</summary>
    public IReadOnlyList<int> SourceRows => _rows;

    public torch.Tensor GetImage(int index)
    {
        using var batch = GetBatch([index]);
        return batch[0].clone();
    }

    public torch.Tensor GetBatch(ReadOnlySpan<long> indices)
    {
        var bytes = new byte[indices.Length * Pixels];
        for (var i = 0; i < indices.Length; i++)
            _pool.AsSpan(_rows[checked((int)indices[i])] * Pixels, Pixels).CopyTo(bytes.AsSpan(i * Pixels, Pixels));
        using var scope = torch.NewDisposeScope();
        var grey = torch.tensor(bytes, [indices.Length, 1, Side, Side]).to_type(torch.ScalarType.Float32).div_(255f);
        var size = _normaliser.ImageSize;
        if (size != Side)
            grey = torch.nn.functional.interpolate(grey, [size, size], mode: torch.InterpolationMode.Bilinear, align_corners: false);
        var rgb = grey.expand(indices.Length, 3, size, size);
        return _normaliser.Apply(rgb).MoveToOuterDisposeScope();
    }
}
