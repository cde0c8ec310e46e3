using static TorchSharp.torch;

namespace AutoLR.Integration;

/// <summary>One meaning of "identical" for every test that checks a round trip, a replay or a restore bit for bit.</summary>
internal static class TensorAssert
{
    /// <summary>Same dtype, same shape, every element equal.</summary>
    public static bool Identical(Tensor a, Tensor b) => a.dtype == b.dtype && a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

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
