using TorchSharp;

namespace AutoLR.Torch.Data;

/// <summary>
/// One split of a retrieval data set: images with class labels (0-based, dense within the split).
/// Images come out as float32 [3, H, W] CPU tensors, already resized and normalised for the backbone's
/// <see cref="InputConvention"/>; augmentation (horizontal flip) is the training loop's job.
/// </summary>
public interface IImageDataset
{
    /// <summary>Number of images.</summary>
    int Count { get; }

    /// <summary>Number of classes; labels run 0..ClassCount−1.</summary>
    int ClassCount { get; }

    /// <summary>Class of each image, by index.</summary>
    IReadOnlyList<int> Labels { get; }

    /// <summary>The image at <paramref name="index"/> as float32 [3, H, W]; the caller disposes it.</summary>
    torch.Tensor GetImage(int index);

    /// <summary>
    /// The images at <paramref name="indices"/> as one float32 [B, 3, H, W] tensor; the caller disposes it. Data sets
    /// that can decode or resize a whole batch at once override this.
    /// </summary>
    torch.Tensor GetBatch(ReadOnlySpan<long> indices)
    {
        var images = new torch.Tensor[indices.Length];
        try
        {
            for (var i = 0; i < indices.Length; i++) images[i] = GetImage(checked((int)indices[i]));
            return torch.stack(images);
        }
        finally
        {
            foreach (var image in images) image?.Dispose();
        }
    }
}
