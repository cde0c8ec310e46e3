using TorchSharp;

namespace AutoLR.Torch.Evaluation;

/// <summary>
/// N embeddings of dimension d as one row-major float32 array: a plain .NET value, so it crosses threads and outlives
/// the dispose scope and device that computed it (tensors do neither safely).
/// </summary>
public sealed class Embeddings
{
    /// <param name="values">Count × Dimension floats, row-major; the instance keeps the array, it does not copy it.</param>
    /// <param name="count">Number of embeddings N.</param>
    /// <param name="dimension">Embedding dimension d.</param>
    public Embeddings(float[] values, int count, int dimension)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (count < 0 || dimension < 1)
            throw new ArgumentException($"Embeddings need count ≥ 0 and dimension ≥ 1, got count {count}, dimension {dimension}.");
        if (values.LongLength != (long)count * dimension)
            throw new ArgumentException(
                $"{values.LongLength} values cannot be {count} embeddings of dimension {dimension}: that needs {(long)count * dimension}.",
                nameof(values));
        Values = values;
        Count = count;
        Dimension = dimension;
    }

    /// <summary>All values, row-major: embedding i is <c>Values[i·d .. (i+1)·d)</c>.</summary>
    public float[] Values { get; }

    public int Count { get; }

    public int Dimension { get; }

    /// <summary>Embedding <paramref name="index"/> as a view on <see cref="Values"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => Values.AsSpan(checked(index * Dimension), Dimension);

    /// <summary>One array per embedding: the shape the F# reference (<c>AutoLR.Algorithms.RecallAtK</c>) takes.</summary>
    public float[][] ToRows() => Enumerable.Range(0, Count).Select(i => Row(i).ToArray()).ToArray();

    /// <summary>A float32 [N, d] tensor on <paramref name="device"/> (CPU when null); the caller disposes it.</summary>
    public torch.Tensor ToTensor(torch.Device? device = null)
    {
        var cpu = torch.tensor(Values, [Count, Dimension], torch.ScalarType.Float32);
        if (device is null || device.type == DeviceType.CPU) return cpu;
        using (cpu) return cpu.to(device);
    }

    /// <summary>Copies a float [N, d] tensor (any device, any floating type) into .NET memory.</summary>
    public static Embeddings FromTensor(torch.Tensor embeddings)
    {
        if (embeddings.dim() != 2)
            throw new ArgumentException($"Embeddings must be a 2-D [N, d] tensor, got [{string.Join(", ", embeddings.shape)}].", nameof(embeddings));
        using var cpu = embeddings.detach().to(torch.ScalarType.Float32).cpu().contiguous();
        return new Embeddings(cpu.data<float>().ToArray(), checked((int)cpu.shape[0]), checked((int)cpu.shape[1]));
    }
}
