using AutoLR.Torch.Evaluation;

namespace AutoLR.Integration.Evaluation;

/// <summary>Seeded embedding sets that stress Recall@K: random directions with duplicated rows, and exact ties.</summary>
internal static class RetrievalSamples
{
    /// <summary>
    /// Gaussian embeddings (not normalised) of <paramref name="classes"/> classes, where about one row in ten is an exact
    /// copy of another row, half of the copies under a different label: equal similarities across classes.
    /// </summary>
    public static (Embeddings Embeddings, int[] Labels) GaussianWithDuplicates(int seed, int count, int dimension, int classes)
    {
        var random = new Random(seed);
        var values = new float[count * dimension];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = random.Next(classes);
            if (i > 0 && random.NextDouble() < 0.1)
            {
                var source = random.Next(i);
                Array.Copy(values, source * dimension, values, i * dimension, dimension);
                if (random.NextDouble() < 0.5) labels[i] = labels[source];
                continue;
            }
            for (var j = 0; j < dimension; j++) values[i * dimension + j] = (float)Gaussian(random);
        }
        return (new Embeddings(values, count, dimension), labels);
    }

    /// <summary>
    /// Vectors in {−1, +1}^16: every cosine is a multiple of 1/8 and exact in float32 whatever the summation order, so
    /// ties are everywhere and identical in any correct implementation.
    /// </summary>
    public static (Embeddings Embeddings, int[] Labels) SignVectors(int seed, int count, int classes)
    {
        const int dimension = 16;
        var random = new Random(seed);
        var values = new float[count * dimension];
        for (var i = 0; i < values.Length; i++) values[i] = random.Next(2) == 0 ? -1f : 1f;
        var labels = Enumerable.Range(0, count).Select(_ => random.Next(classes)).ToArray();
        return (new Embeddings(values, count, dimension), labels);
    }

    /// <summary>Rows [from, from + length) as their own set.</summary>
    public static Embeddings Slice(Embeddings embeddings, int from, int length) =>
        new(embeddings.Values.AsSpan(from * embeddings.Dimension, length * embeddings.Dimension).ToArray(), length, embeddings.Dimension);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
