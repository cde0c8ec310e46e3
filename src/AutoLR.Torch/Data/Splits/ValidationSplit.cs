namespace AutoLR.Torch.Data.Splits;

/// <summary>
/// Carves a class-disjoint validation split out of the training classes, for the pruning search (DESIGN §2): a
/// fraction of the training classes, chosen by a seeded shuffle, become validation classes; the rest stay for training.
/// The same data set, fraction and seed always give the same split, on every platform and .NET version.
/// </summary>
public static class ValidationSplit
{
    /// <param name="train">The training split to carve from.</param>
    /// <param name="fraction">Share of the training classes for validation: round(C × fraction), at least 1, at most C − 1.</param>
    /// <param name="seed">Seed of the class shuffle.</param>
    public static (SubsetDataset Train, SubsetDataset Validation) Carve(IImageDataset train, double fraction, int seed)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The validation fraction must lie strictly between 0 and 1.");
        if (train.ClassCount < 2)
            throw new ArgumentException($"A class-disjoint validation split needs at least 2 training classes; the data set has {train.ClassCount}.", nameof(train));
        var validationCount = Math.Clamp((int)Math.Round(train.ClassCount * fraction), 1, train.ClassCount - 1);
        var classes = Enumerable.Range(0, train.ClassCount).ToArray();
        Shuffle(classes, seed);
        var validationClasses = classes.Take(validationCount).ToHashSet();
        var trainIndices = new List<int>();
        var validationIndices = new List<int>();
        for (var i = 0; i < train.Count; i++)
            (validationClasses.Contains(train.Labels[i]) ? validationIndices : trainIndices).Add(i);
        var name = train is IRetrievalSplit split ? split.Description : "training split";
        return (new SubsetDataset($"{name} minus validation classes (seed {seed})", train, trainIndices),
                new SubsetDataset($"{name} validation: {validationCount} of {train.ClassCount} classes (seed {seed})", train, validationIndices));
    }

    /// <summary>Fisher–Yates with SplitMix64, so the split does not depend on System.Random's implementation.</summary>
    private static void Shuffle(int[] items, int seed)
    {
        var state = (ulong)(uint)seed;
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
