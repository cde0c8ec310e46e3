using System.Globalization;

namespace AutoLR.Settings;

/// <summary>
/// compare's <c>--compare-pruning-depth</c>: <see cref="Auto"/>, the paper's protocol for comparing schedules (per seed the
/// pruning search chooses the depth on validation and every method trains that network), or a fixed depth.
/// </summary>
public static class ComparisonDepth
{
    public const string Auto = "auto";

    /// <summary>The fixed depth the text gives, null for <see cref="Auto"/>; false when it is neither.</summary>
    public static bool TryParse(string? text, out int? depth)
    {
        depth = null;
        if (string.Equals(text?.Trim(), Auto, StringComparison.OrdinalIgnoreCase)) return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var fixedDepth)) return false;
        depth = fixedDepth;
        return true;
    }
}
