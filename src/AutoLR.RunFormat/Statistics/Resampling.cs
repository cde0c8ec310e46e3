namespace AutoLR.RunFormat.Statistics;

/// <summary>
/// The random draws of the bootstrap: SplitMix64 (Steele, Lea and Flood 2014), a 64-bit generator whose output is
/// fixed by its seed on every platform and .NET version (System.Random's algorithm is not promised), and unbiased
/// indices by rejection.
/// </summary>
internal sealed class Resampling(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform index in [0, n): draws above the largest multiple of n are redrawn, so no index is favoured.</summary>
    public int Index(int n)
    {
        var count = (ulong)n;
        var limit = ulong.MaxValue - ulong.MaxValue % count;
        ulong draw;
        do draw = Next();
        while (draw >= limit);
        return (int)(draw % count);
    }

    /// <summary>n values drawn with replacement from <paramref name="values"/>, into <paramref name="into"/>.</summary>
    public void Draw(IReadOnlyList<double> values, double[] into)
    {
        for (var i = 0; i < into.Length; i++) into[i] = values[Index(values.Count)];
    }
}
