using System.Runtime.ExceptionServices;
using AutoLR.Torch.Data.Preprocessing;
using TorchSharp;

namespace AutoLR.Torch.Data.Files;

/// <summary>
/// A split whose images are JPEG/PNG files, decoded on demand (nothing but paths and labels stays in memory).
/// A batch is decoded in parallel and normalised as one tensor.
/// </summary>
public sealed class ImageFileDataset : IRetrievalSplit
{
    private readonly string[] _paths;
    private readonly int[] _labels;
    private readonly ImageFileDecoder _decoder;
    private readonly InputNormaliser _normaliser;

    public ImageFileDataset(
        string description, string[] paths, int[] labels, string[] classIds,
        ImageFileDecoder decoder, InputNormaliser normaliser, int skippedImages = 0, int droppedClasses = 0)
    {
        if (paths.Length != labels.Length)
            throw new ArgumentException($"{paths.Length} paths but {labels.Length} labels.", nameof(labels));
        if (decoder.ImageSize != normaliser.ImageSize)
            throw new ArgumentException("The decoder and the normaliser disagree on the image size.", nameof(normaliser));
        Description = description;
        _paths = paths;
        _labels = labels;
        ClassIds = classIds;
        _decoder = decoder;
        _normaliser = normaliser;
        SkippedImages = skippedImages;
        DroppedClasses = droppedClasses;
    }

    public string Description { get; }
    public int Count => _labels.Length;
    public int ClassCount => ClassIds.Count;
    public IReadOnlyList<int> Labels => _labels;
    public IReadOnlyList<string> ClassIds { get; }
    public int SkippedImages { get; }
    public int DroppedClasses { get; }

    /// <summary>The image file behind each index.</summary>
    public IReadOnlyList<string> Paths => _paths;

    public torch.Tensor GetImage(int index)
    {
        using var batch = GetBatch([index]);
        return batch[0].clone();
    }

    public torch.Tensor GetBatch(ReadOnlySpan<long> indices)
    {
        var size = _decoder.ImageSize;
        var imageBytes = size * size * 3;
        var pixels = new byte[indices.Length * imageBytes];
        var paths = new string[indices.Length];
        for (var i = 0; i < indices.Length; i++) paths[i] = _paths[checked((int)indices[i])];
        try
        {
            Parallel.For(0, paths.Length, i => _decoder.Decode(paths[i], pixels.AsSpan(i * imageBytes, imageBytes)));
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        using var scope = torch.NewDisposeScope();
        var rgb01 = torch.tensor(pixels, [paths.Length, size, size, 3])
            .permute(0, 3, 1, 2)
            .to_type(torch.ScalarType.Float32)
            .div_(255f);
        return _normaliser.Apply(rgb01).MoveToOuterDisposeScope();
    }
}
