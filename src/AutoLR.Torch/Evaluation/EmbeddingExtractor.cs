using AutoLR.Torch.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoLR.Torch.Evaluation;

/// <summary>
/// Runs a backbone over a whole data set and collects its embeddings (DESIGN §4): the pooled output, optionally summed
/// with the horizontally flipped image's, then L2-normalised.
/// </summary>
public sealed class EmbeddingExtractor
{
    /// <param name="batchSize">Images per forward pass.</param>
    /// <param name="device">Where the backbone lives and runs; batches are moved there.</param>
    /// <param name="addFlipped">Sum each embedding with the horizontally flipped image's before normalising.</param>
    public EmbeddingExtractor(int batchSize, Device device, bool addFlipped = false)
    {
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The extraction batch size must be at least 1 image.");
        BatchSize = batchSize;
        Device = device ?? throw new ArgumentNullException(nameof(device));
        AddFlipped = addFlipped;
    }

    public int BatchSize { get; }

    /// <summary>
    /// Images per forward pass when evaluating at <paramref name="imageSize"/> px: at least 64 and the training batch,
    /// and up to 256 at small sizes, about 256 · 32² pixels per batch. At 32 px a batch of 64 spends ~10 % of the time
    /// on per-call overhead that a batch of 256 amortises (bench/README.md, "frozen"); at 64 px and above 64 images
    /// already keep the cores busy, and larger batches would only cost memory.
    /// </summary>
    public static int EvaluationBatch(int imageSize, int trainingBatch) =>
        Math.Max(Math.Max(64, trainingBatch), Math.Min(256, 256 * 32 * 32 / Math.Max(1, imageSize * imageSize)));

    public Device Device { get; }

    public bool AddFlipped { get; }

    /// <summary>
    /// Embeds every image of <paramref name="dataset"/>, in index order, in eval mode and inference mode; the
    /// backbone's train/eval mode is restored afterwards. Runs on the calling thread (dispose scopes and inference
    /// mode are per thread).
    /// </summary>
    /// <param name="backbone">Maps float32 [B, 3, H, W] to pooled embeddings [B, d]; must already be on <see cref="Device"/>.</param>
    /// <param name="dataset">The images, in the backbone's input convention.</param>
    /// <param name="onBatch">Called after each batch with (images done, images in total).</param>
    /// <param name="cancellation">Checked between batches.</param>
    /// <returns>[N, d] L2-normalised embeddings, row i for image i.</returns>
    public Embeddings Extract(
        nn.Module<Tensor, Tensor> backbone, IImageDataset dataset,
        Action<int, int>? onBatch = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        float[]? values = null;
        var dimension = 0;
        var count = dataset.Count;
        Stream(backbone, dataset, (start, rows, d) =>
        {
            if (values is null)
            {
                dimension = d;
                values = new float[checked((long)count * dimension)];
            }
            rows.CopyTo(values.AsSpan(checked(start * dimension), rows.Length));
            onBatch?.Invoke(start + rows.Length / d, count);
        }, cancellation);
        // An empty data set has no batch to reveal d; it yields zero rows of dimension 1.
        return values is null ? new Embeddings([], 0, 1) : new Embeddings(values, count, dimension);
    }

    /// <summary>
    /// As <see cref="Extract"/>, but hands each batch's embeddings to <paramref name="onRows"/> as (index of the
    /// batch's first image, its rows row-major, d) instead of collecting them, so memory stays O(batch) whatever the
    /// data set's size. The span is valid only during the call.
    /// </summary>
    public void Stream(
        nn.Module<Tensor, Tensor> backbone, IImageDataset dataset,
        BatchRows onRows, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(onRows);
        RequireOnDevice(backbone);

        var count = dataset.Count;
        var wasTraining = backbone.training;
        backbone.eval();
        try
        {
            using var inference = inference_mode();
            for (var start = 0; start < count; start += BatchSize)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var length = Math.Min(BatchSize, count - start);
                var indices = new long[length];
                for (var i = 0; i < length; i++) indices[i] = start + i;

                var images = dataset.GetBatch(indices).to(Device);
                var pooled = Embed(backbone, images, length);
                // Index 3 is W in [B, 3, H, W]: a horizontal flip.
                if (AddFlipped) pooled = pooled.add(Embed(backbone, images.flip(3), length));
                var normalised = nn.functional.normalize(pooled, p: 2, dim: 1).to(ScalarType.Float32).cpu().contiguous();
                onRows(start, normalised.data<float>().ToArray(), checked((int)normalised.shape[1]));
            }
        }
        finally
        {
            backbone.train(wasTraining);
        }
    }

    /// <summary>What <see cref="Stream"/> hands out per batch: the index of its first image, its rows (row-major), d.</summary>
    public delegate void BatchRows(int start, ReadOnlySpan<float> rows, int dimension);

    private static Tensor Embed(nn.Module<Tensor, Tensor> backbone, Tensor images, int length)
    {
        var output = backbone.call(images);
        if (output.dim() != 2 || output.shape[0] != length || !output.is_floating_point())
            throw new InvalidOperationException(
                $"The backbone must map [B, 3, H, W] images to pooled float embeddings [B, d], but a batch of {length} gave " +
                $"{output.dtype} [{string.Join(", ", output.shape)}]: end it with global average pooling and a flatten.");
        return output;
    }

    private void RequireOnDevice(nn.Module<Tensor, Tensor> backbone)
    {
        foreach (var parameter in backbone.parameters())
        {
            if (parameter.device_type != Device.type || (Device.index >= 0 && parameter.device_index != Device.index))
                throw new ArgumentException(
                    $"The backbone's parameters are on {parameter.device} but extraction runs on {Device}: " +
                    $"move it first with backbone.to({Device}), or extract on {parameter.device}.", nameof(backbone));
            return;
        }
    }
}
