using System.Globalization;

namespace AutoLR.Settings;

/// <summary>
/// compare's <c>--compare-lr-factors</c>: the multiples of --base-lr every method's tuning grid tries, each a positive
/// number or a fraction a/b (so the shipped 1/3 stays exact). One factor means no tuning: the method trains that one
/// point and the validation split only serves the pruning search.
/// </summary>
public static class ComparisonLrFactors
{
    /// <summary>The shipped grid: --base-lr ÷ 3, × 1, × 3.</summary>
    public const string Shipped = "1/3,1,3";

    /// <summary>The factors the text gives, in its order; null with the reason when it is not a list of distinct positive factors.</summary>
    public static double[]? Parse(string? text, out string? problem)
    {
        problem = null;
        var entries = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        var factors = new double[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Length == 0)
            {
                problem = entries.Length == 1 ? "no factor is given" : "the list has an empty entry (two commas in a row, or one at an end)";
                return null;
            }
            if (Factor(entries[i]) is not { } factor)
            {
                problem = $"'{entries[i]}' is not a positive number or fraction a/b";
                return null;
            }
            if (Array.IndexOf(factors, factor, 0, i) >= 0)
            {
                problem = $"'{entries[i]}' gives a factor already listed";
                return null;
            }
            factors[i] = factor;
        }
        return factors;
    }

    /// <summary>The shipped factors, parsed.</summary>
    public static IReadOnlyList<double> ShippedFactors { get; } = Parse(Shipped, out _)!;

    private static double? Factor(string entry)
    {
        var slash = entry.IndexOf('/');
        if (slash < 0) return Positive(entry);
        return Positive(entry[..slash]) is { } numerator && Positive(entry[(slash + 1)..]) is { } denominator && double.IsFinite(numerator / denominator) && numerator / denominator > 0
            ? numerator / denominator
            : null;
    }

    private static double? Positive(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : null;
}
