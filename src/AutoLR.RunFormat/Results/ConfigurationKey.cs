namespace AutoLR.RunFormat.Results;

/// <summary>
/// A run's configuration without its seed: runs with equal keys are repeats. <paramref name="Settings"/> is
/// <see cref="RecordedSettings.WithoutSeed"/>, so runs that differ in any recorded setting (base LR, τ, a rule...)
/// are never averaged together.
/// </summary>
public sealed record ConfigurationKey(
    string Command, string Dataset, string? Backbone, string Schedule, int PruningDepth, double? Alpha, double? Beta, int? Epochs,
    string Settings)
{
    /// <summary>
    /// For each key, the settings in which it differs from keys equal to it in every shown column (everything but
    /// <see cref="Settings"/>), as " [Name value, ...]"; empty where no such key exists. Tables append it to a row's
    /// label so that two rows never look alike.
    /// </summary>
    public static IReadOnlyDictionary<ConfigurationKey, string> SetApart(IEnumerable<ConfigurationKey> keys)
    {
        var labels = new Dictionary<ConfigurationKey, string>();
        foreach (var alike in keys.Distinct().GroupBy(k => k with { Settings = "" }))
        {
            var settings = alike.ToDictionary(k => k, k => RecordedSettings.Lines(k.Settings));
            var differing = settings.Values.SelectMany(s => s.Keys).Distinct()
                .Where(name => settings.Values.Select(s => s.GetValueOrDefault(name)).Distinct().Count() > 1)
                .Order(StringComparer.Ordinal)
                .ToList();
            foreach (var (key, values) in settings)
                labels[key] = differing.Count == 0 ? "" : $" [{string.Join(", ", differing.Select(name => $"{name} {values.GetValueOrDefault(name, "—")}"))}]";
        }
        return labels;
    }
}
