using System.Globalization;
using AutoLR.Algorithms;

namespace AutoLR.Experiments.Comparison;

/// <summary>One point of a method's tuning grid: a label and the settings it changes.</summary>
public sealed record GridPoint(string Label, IReadOnlyList<(Setting Setting, string Value)> Values);

/// <summary>
/// The stated tuning grid of each method: the same base LRs for every method (--compare-lr-factors of --base-lr,
/// shipped ÷ 3, ×1, × 3), crossed
/// with the method's own hyper-parameter where its catalogue entry declares one (its TuningAxis: layer decay's factor
/// 0.6, 0.75, 0.9; Auto-RGN's probe length 2, 5 batches; LP-FT's probe share 0.25, 0.5); AutoLR's grid is the base LR
/// alone (its α, β stay at the settings' values), the other baselines' likewise.
/// </summary>
public static class ComparisonGrid
{
    /// <summary>The method's own axis, as its catalogue entry declares it (ScheduleCatalog's TuningAxis).</summary>
    private static (Setting Setting, string[] Values)? OwnAxis(string schedule) =>
        ScheduleCatalog.baselines.FirstOrDefault(b => b.Name == schedule)?.TuningAxis?.Value is { } axis
            ? (ScheduleSettings.parameter(axis.Item1), axis.Item2.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray())
            : null;

    /// <summary>The grid of <paramref name="schedule"/> at <paramref name="factors"/> × <paramref name="baseLr"/>, in a fixed order.</summary>
    public static IReadOnlyList<GridPoint> For(string schedule, double baseLr, IReadOnlyList<double> factors)
    {
        var lrs = BaseLrs(baseLr, factors);
        var points = lrs.Select(lr => new List<(Setting, string)> { (LearningRateSettings.baseLr, lr) }).ToList();
        if (OwnAxis(schedule) is { } axis)
            points = [.. points.SelectMany(p => axis.Values.Select(v => new List<(Setting, string)>(p) { (axis.Setting, v) }))];
        return points.Select(p => new GridPoint(string.Join(",", p.Select(v => $"{v.Item1.Switch[2..]}={v.Item2}")), p)).ToList();
    }

    /// <summary>
    /// The grid as the report states it, e.g. "base-lr ∈ {0.00333, 0.01, 0.03} × layer-decay ∈ {0.6, 0.75, 0.9}", and
    /// "base-lr = 0.01, not tuned" for a grid of one point.
    /// </summary>
    public static string Describe(string schedule, double baseLr, IReadOnlyList<double> factors)
    {
        if (For(schedule, baseLr, factors) is [var only]) return $"{only.Label.Replace("=", " = ", StringComparison.Ordinal)}, not tuned";
        var text = $"base-lr ∈ {{{string.Join(", ", BaseLrs(baseLr, factors))}}}";
        return OwnAxis(schedule) is { } axis ? $"{text} × {axis.Setting.Switch[2..]} ∈ {{{string.Join(", ", axis.Values)}}}" : text;
    }

    /// <summary>Three significant digits, as a person would write the LR; the stage trains at exactly that value.</summary>
    private static string[] BaseLrs(double baseLr, IReadOnlyList<double> factors) =>
        [.. factors.Select(f => (f * baseLr).ToString("G3", CultureInfo.InvariantCulture))];
}
