using System.Text.Json;

namespace AutoLR.PaperFigures.Runs;

/// <summary>
/// results.json: what a finished run measured and under which configuration (the contract is
/// paper-figures/RUN-DIRECTORY.md). Recall@K values are fractions in [0, 1].
/// </summary>
public sealed record RunResults(
    string Command,
    string Dataset,
    string? Backbone,
    int Seed,
    string Schedule,
    int PruningDepth,
    int? BlockCount,
    double? Alpha,
    double? Beta,
    int? Epochs,
    IReadOnlyDictionary<int, double> RecallAtK,
    IReadOnlyList<DepthScore> Pruning,
    string? Selection,
    RecordedSettings Settings)
{
    public const string FileName = "results.json";

    public static RunResults Parse(JsonElement root, JsonSource source)
    {
        var command = source.String(root, "command");
        var pruning = new List<DepthScore>();
        if (source.Optional(root, "pruning") is { ValueKind: not JsonValueKind.Null } scores)
        {
            if (scores.ValueKind != JsonValueKind.Array) throw source.Error($"field 'pruning' must be an array of {{depth, recallAtK}}, found {scores.ValueKind}.");
            pruning.AddRange(scores.EnumerateArray().Select(score => new DepthScore(source.Int(score, "depth"), source.RecallMap(score, "recallAtK"))));
        }
        if (command == Commands.Prune && pruning.Count == 0)
            throw source.Error("required field 'pruning' is missing or empty; a prune run lists the score of every depth it tried.");
        return new RunResults(
            command,
            source.String(root, "dataset"),
            source.OptionalString(root, "backbone"),
            source.Int(root, "seed"),
            source.String(root, "schedule"),
            source.Int(root, "pruningDepth"),
            source.OptionalInt(root, "blockCount"),
            source.OptionalDouble(root, "alpha"),
            source.OptionalDouble(root, "beta"),
            source.OptionalInt(root, "epochs"),
            source.RecallMap(root, "recallAtK"),
            pruning,
            source.OptionalString(root, "selection"),
            RecordedSettings.Parse(root, source));
    }

    /// <summary>
    /// Runs of the same configuration differ only in seed; this key is everything else (what a table row averages
    /// over): what the run did, and every recorded setting but the seed (<see cref="RecordedSettings"/>).
    /// </summary>
    public ConfigurationKey Configuration =>
        new(Command, Dataset, Backbone, Schedule, PruningDepth, Alpha, Beta, Epochs, Settings.WithoutSeed);
}

/// <summary>The score of one pruning depth tried by Algorithm 1.</summary>
public sealed record DepthScore(int Depth, IReadOnlyDictionary<int, double> RecallAtK);

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

/// <summary>The values of results.json's <c>command</c> and <c>schedule</c> that the renderer gives a meaning to.</summary>
public static class Commands
{
    public const string Prune = "prune";
    public const string Sweep = "sweep";
}

public static class Schedules
{
    public const string Single = "single";
    public const string AutoLr = "autolr";

    /// <summary>Table 5's order: the baselines, then AutoLR; any other schedule follows in name order.</summary>
    public static readonly IReadOnlyList<string> Order = [Single, "step", "cyclic", "sgdr", "layer-decay", "discriminative", AutoLr];

    public static int Rank(string schedule)
    {
        var index = Order.ToList().IndexOf(schedule);
        return index < 0 ? Order.Count : index;
    }
}
