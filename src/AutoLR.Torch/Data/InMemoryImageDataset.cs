using TorchSharp;

namespace AutoLR.Torch.Data;

/// <summary>
/// A data set held as one float32 [N, 3, H, W] tensor, already in the backbone's input convention: tests, synthetic
/// benchmarks, and small data sets decoded once. Owns the tensor.
/// </summary>
public sealed class InMemoryImageDataset : IImageDataset, IDisposable
{
    private readonly torch.Tensor _images;
    private readonly int[] _labels;

    /// <param name="images">float32 [N, 3, H, W]; the data set takes ownership.</param>
    /// <param name="labels">N labels, dense 0..C−1.</param>
    public InMemoryImageDataset(torch.Tensor images, int[] labels)
    {
        if (images.dim() != 4 || images.shape[1] != 3)
            throw new ArgumentException($"images must be [N, 3, H, W], got [{string.Join(", ", images.shape)}].", nameof(images));
        if (images.shape[0] != labels.Length)
            throw new ArgumentException($"{images.shape[0]} images but {labels.Length} labels.", nameof(labels));
        if (labels.Length > 0 && labels.Min() < 0)
            throw new ArgumentException("labels must be non-negative class indices.", nameof(labels));
        _images = images.to_type(torch.ScalarType.Float32).contiguous();
        if (!ReferenceEquals(_images, images)) images.Dispose();
        _labels = labels;
        ClassCount = labels.Length == 0 ? 0 : labels.Max() + 1;
    }

    public int Count => _labels.Length;
    public int ClassCount { get; }
    public IReadOnlyList<int> Labels => _labels;

    public torch.Tensor GetImage(int index) => _images[index].clone();

    /// <summary>Images at the given indices as one [B, 3, H, W] tensor (a copy); the caller disposes it.</summary>
    public torch.Tensor GetBatch(ReadOnlySpan<long> indices)
    {
        using var index = torch.tensor(indices.ToArray(), torch.ScalarType.Int64);
        return _images.index_select(0, index);
    }

    public void Dispose() => _images.Dispose();
}
