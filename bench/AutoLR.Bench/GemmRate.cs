using System.Diagnostics;
using static TorchSharp.torch;

namespace AutoLR.Bench;

/// <summary>
/// The machine's float32 matrix-product rate as libtorch delivers it right now: the best of a few square n × n
/// products (2·n³ FLOP each). Measured beside each benchmark step, because on a shared machine the rate moves with the
/// load, and a step's GFLOP/s means something only as a fraction of it.
/// </summary>
public static class GemmRate
{
    /// <summary>GFLOP/s of the fastest of <paramref name="calls"/> products of two random n × n matrices.</summary>
    public static double Measure(int n = 2048, int calls = 3)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        var left = randn(n, n);
        var right = randn(n, n);
        left.mm(right);
        var best = double.MaxValue;
        for (var i = 0; i < calls; i++)
        {
            var clock = Stopwatch.StartNew();
            using var product = left.mm(right);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / best / 1e9;
    }
}
