using System.Globalization;

namespace AutoLR.Torch.Evaluation;

/// <summary>
/// Recall@K for each K asked for: the fraction of queries whose K nearest neighbours contain an item of their class.
/// </summary>
/// <param name="Ks">The K values, in the order they were asked for.</param>
/// <param name="Recalls">Recall for each of <paramref name="Ks"/>, in [0, 1].</param>
/// <param name="QueryCount">Number of queries the fractions are over.</param>
public sealed record RecallScores(int[] Ks, double[] Recalls, int QueryCount)
{
    /// <summary>Recall at <paramref name="k"/>; fails, naming the Ks available, when <paramref name="k"/> was not computed.</summary>
    public double At(int k)
    {
        var position = Array.IndexOf(Ks, k);
        if (position < 0)
            throw new KeyNotFoundException($"Recall@{k} was not computed; computed: {string.Join(", ", Ks)}. Ask for K = {k} when evaluating.");
        return Recalls[position];
    }

    /// <summary>As papers print it: <c>R@1 = 61.23 %, R@2 = 73.01 % (5924 queries)</c>.</summary>
    public override string ToString() =>
        string.Join(", ", Ks.Select((k, i) => string.Create(CultureInfo.InvariantCulture, $"R@{k} = {Recalls[i] * 100:0.00} %")))
        + $" ({QueryCount} queries)";
}
