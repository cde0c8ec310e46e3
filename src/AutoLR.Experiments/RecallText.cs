using System.Globalization;
using AutoLR.Torch.Evaluation;

namespace AutoLR.Experiments;

/// <summary>Recall@K as the logs, tables and results.json spell it.</summary>
public static class RecallText
{
    public static Dictionary<int, double> ToDictionary(RecallScores scores) =>
        scores.Ks.Zip(scores.Recalls).ToDictionary(p => p.First, p => p.Second);

    /// <summary>"R@1 61.20% R@2 73.40% ..."</summary>
    public static string Of(IReadOnlyDictionary<int, double> recall) =>
        string.Join(" ", recall.OrderBy(r => r.Key).Select(r => $"R@{r.Key} {Percent(r.Value)}"));

    public static string Percent(double x) => (100 * x).ToString("F2", CultureInfo.InvariantCulture) + "%";
}
