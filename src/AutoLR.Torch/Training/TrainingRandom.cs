namespace AutoLR.Torch.Training;

/// <summary>
/// The engine's own random stream (SplitMix64): one 64-bit state, so a snapshot captures it exactly. It draws the
/// flips; the shuffle is a pure function of (seed, epoch) so every trial of an epoch sees the same order.
/// </summary>
public sealed class TrainingRandom
{
    public TrainingRandom(long seed) => State = Mix((ulong)seed ^ 0x5DEECE66DUL);

    /// <summary>The whole generator state; assign to restore.</summary>
    public ulong State { get; set; }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>The visiting order of <paramref name="count"/> images in <paramref name="epoch"/> (Fisher–Yates).</summary>
    public static long[] EpochOrder(long seed, int epoch, int count)
    {
        var order = new long[count];
        for (var i = 0; i < count; i++) order[i] = i;
        var state = Mix((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)epoch);
        for (var i = count - 1; i > 0; i--)
        {
            state += 0x9E3779B97F4A7C15UL;
            var j = (int)(Mix(state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private ulong Next()
    {
        State += 0x9E3779B97F4A7C15UL;
        return Mix(State);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
