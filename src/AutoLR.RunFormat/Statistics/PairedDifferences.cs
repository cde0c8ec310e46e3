namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// Two methods' scores on the same seeds and their differences A − B, one per seed: seed s gives every method the
/// same split, initial weights, data order and flips, so each difference is one paired observation. A difference
/// within <see cref="TieTolerance"/> of zero is a tie (R@1 values differ by at least 1/N for N test images, far
/// above it; below it is rounding).
/// </summary>
public sealed record PairedDifferences
{
    public const double TieTolerance = 1e-9;

    private PairedDifferences(IReadOnlyList<int> seeds, IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (seeds.Count != a.Count || a.Count != b.Count)
            throw new ArgumentException($"Paired differences need one score of each method per seed ({seeds.Count} seeds, {a.Count} and {b.Count} scores).");
        if (seeds.Count == 0) throw new ArgumentException("Paired differences need at least one seed both methods ran.");
        (Seeds, A, B) = (seeds, a, b);
        Values = a.Zip(b, (x, y) => x - y).ToList();
    }

    public IReadOnlyList<int> Seeds { get; }

    /// <summary>A's score on each of <see cref="Seeds"/>.</summary>
    public IReadOnlyList<double> A { get; }

    /// <summary>B's score on each of <see cref="Seeds"/>.</summary>
    public IReadOnlyList<double> B { get; }

    /// <summary>A − B per seed.</summary>
    public IReadOnlyList<double> Values { get; }

    public int N => Values.Count;

    /// <summary>Seeds where A is ahead by more than the tolerance.</summary>
    public int Wins => Values.Count(d => d > TieTolerance);

    public int Ties => Values.Count(d => Math.Abs(d) <= TieTolerance);

    public int Losses => Values.Count(d => d < -TieTolerance);

    /// <summary>The scores of both methods on the seeds both have, in ascending seed order.</summary>
    public static PairedDifferences Of(IReadOnlyDictionary<int, double> a, IReadOnlyDictionary<int, double> b)
    {
        var seeds = a.Keys.Where(b.ContainsKey).Order().ToList();
        return new PairedDifferences(seeds, seeds.Select(s => a[s]).ToList(), seeds.Select(s => b[s]).ToList());
    }

    /// <summary>Scores already aligned: <paramref name="a"/>[i] and <paramref name="b"/>[i] are both of <paramref name="seeds"/>[i].</summary>
    public static PairedDifferences Of(IReadOnlyList<int> seeds, IReadOnlyList<double> a, IReadOnlyList<double> b) => new(seeds, a, b);
}
