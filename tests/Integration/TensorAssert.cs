using TorchSharp;
using static TorchSharp.torch;

namespace AutoLR.Integration;

/// <summary>One meaning of "identical" for every test that checks a round trip, a replay or a restore bit for bit.</summary>
internal static class TensorAssert
{
    /// <summary>Same dtype, same shape, every element equal.</summary>
    public static bool Identical(Tensor a, Tensor b) => a.dtype == b.dtype && a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    /// <summary>
    /// Equal to float rounding: the largest difference is at most <paramref name="tolerance"/> × the largest magnitude
    /// of either tensor (a scale-relative bound, so entries near zero do not demand exact agreement).
    /// </summary>
    public static void Close(Tensor actual, Tensor expected, double tolerance, string what = "")
    {
        Assert.Equal(expected.shape, actual.shape);
        using var difference = (actual - expected).abs().max().to(float64);
        using var scale = torch.maximum(actual.abs().max(), expected.abs().max()).to(float64);
        var (d, m) = (difference.item<double>(), scale.item<double>());
        Assert.True(d <= tolerance * m, $"{what}: largest difference {d:G3} exceeds {tolerance:G3} × the largest magnitude {m:G3}");
    }

    /// <summary>Every entry of <paramref name="expected"/> is in <paramref name="actual"/> and identical; a failure names the key.</summary>
    public static void IdenticalEntries(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual, string context = "")
    {
        foreach (var (key, value) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var other), $"{key} is missing{context}");
            Assert.True(Identical(value, other!), $"{key} differs{context}");
        }
    }
}
