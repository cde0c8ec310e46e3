using AutoLR.Experiments.Stages;

namespace AutoLR.Experiments.Results;

/// <summary>
/// Whether Algorithm 1's selection scores could tell the depths apart. When every depth tried scores the same
/// selection Recall@1 (typically 100 % on a split too easy to rank), the stop rule and the depth cap chose the depth,
/// not the data; report.md and results.json say so rather than present the choice as measured.
/// </summary>
public static class SelectionSaturation
{
    public static bool IsSaturated(IReadOnlyList<StageResult> depths) =>
        depths.Count > 1 && depths.All(r => r.Selection![1] == depths[0].Selection![1]);

    public static string Note(IReadOnlyList<StageResult> depths) =>
        $"**Saturated selection:** every depth tried scored selection Recall@1 = {RecallText.Percent(depths[0].Selection![1])}, so the scores did " +
        "not tell the depths apart and the search's stop rule and depth cap chose the depth. Use more validation classes " +
        "(--validation-fraction) or images (--images-per-class) for a meaningful search.";
}
