using System.Globalization;
using AutoLR.Algorithms;
using AutoLR.Torch.Weights;

namespace AutoLR.Settings;

/// <summary>What `compare` compares — the methods, the seeds and the pruning depth they share — each setting declared once.</summary>
public static class ComparisonSettings
{
    /// <summary>compare takes them.</summary>
    public static readonly SettingGroup Group = new("comparison", sweepable: false);

    public static readonly Setting<string> Schedules = Setting.Text("Schedules",
        "compare: the methods, comma-separated names of --schedule (e.g. autolr,single,layer-decay,auto-rgn,lp-ft).",
        [Group], "autolr,single,layer-decay,auto-rgn,lp-ft")
        .CheckedBy(text => ListProblem(text, n => ScheduleCatalog.names.Contains(n), "schedule") is { } problem
            ? $"{problem}; list distinct schedule names separated by commas, each one of {string.Join(", ", ScheduleCatalog.names)}." : null);

    public static readonly Setting<string> Seeds = Setting.Text("Seeds",
        "compare: the seeds, comma-separated integers ≥ 0; seed s gives every method the same split, initial weights, data order and flips. " +
        "report.md's power line says how many seeds the measured spread needs for a ±1- and ±2-point interval.",
        [Group], "1,2,3,4,5,6,7,8")
        .CheckedBy(text => ListProblem(text, t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out _), "seed (an integer ≥ 0)") is { } problem
            ? $"{problem}; list distinct integer seeds ≥ 0 separated by commas, e.g. 1,2,3." : null);

    /// <summary>The most a fixed depth may be before the backbone is known (the rule below then checks it against K).</summary>
    private const int MaxFixedDepth = 1000;

    /// <summary>
    /// <see cref="ComparisonDepth.Auto"/> is the paper's protocol for comparing schedules (Table 5 compares them on the
    /// equally pruned network): per seed, Algorithm 1 on that seed's validation split chooses the depth once.
    /// </summary>
    public static readonly Setting<string> ComparePruningDepth = Setting.Text("ComparePruningDepth",
        "compare: the pruning depth every method fine-tunes at. auto (the paper's protocol for comparing schedules): per seed, the " +
        "pruning search (Algorithm 1) chooses the depth once on that seed's validation split, and every method then fine-tunes that " +
        "same pruned network; or a fixed depth 0..K−1 for every seed.",
        [Group], ComparisonDepth.Auto)
        .CheckedBy(text => ComparisonDepth.TryParse(text, out var depth) && depth is null or <= MaxFixedDepth ? null
            : $"give {ComparisonDepth.Auto} (per seed, the pruning search chooses the depth on validation) or a fixed depth, an integer in 0..K−1.");

    /// <summary>
    /// The grid's base LRs are the same multiples of --base-lr for every method, so no method is tuned more finely than
    /// another; one factor turns tuning off (and with it the grid's share of the spread between seeds).
    /// </summary>
    public static readonly Setting<string> CompareLrFactors = Setting.Text("CompareLrFactors",
        "compare: the multiples of --base-lr every method's tuning grid tries on the validation split, comma-separated numbers > 0 or " +
        "fractions a/b (crossed with the method's own axis where it has one); a single factor trains that one point without tuning.",
        [Group], ComparisonLrFactors.Shipped)
        .CheckedBy(text => ComparisonLrFactors.Parse(text, out var problem) is null
            ? $"{problem}; list distinct factors of --base-lr separated by commas, e.g. {ComparisonLrFactors.Shipped} or 1." : null);

    /// <summary>The settings, in the order help lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Schedules, Seeds, ComparePruningDepth, CompareLrFactors];

    /// <summary>A fixed depth leaves at least one of the backbone's K blocks.</summary>
    public static IReadOnlyList<SettingRule> Rules { get; } =
    [
        SettingRule.Of([ComparePruningDepth, BackboneSettings.Backbone], [], values =>
        {
            if (!ComparisonDepth.TryParse(values.Get(ComparePruningDepth), out var depth) || depth is not { } fixedDepth) return null;
            var blocks = PretrainedBackbones.Find(values.Get(BackboneSettings.Backbone)).Spec().BlockCount;
            return fixedDepth < blocks ? null
                : $"{values.Get(BackboneSettings.Backbone)} has K = {blocks} blocks and at least one must remain; use {ComparisonDepth.Auto} or a depth in 0..{blocks - 1}.";
        }),
    ];

    /// <summary>The methods to compare, in the order given.</summary>
    public static IReadOnlyList<string> ScheduleNames(SettingValues values) => Split(values.Get(Schedules));

    /// <summary>The seeds to compare over, in the order given.</summary>
    public static IReadOnlyList<int> SeedList(SettingValues values) =>
        Split(values.Get(Seeds)).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The multiples of --base-lr every method's grid tries, in the order given.</summary>
    public static IReadOnlyList<double> LrFactors(SettingValues values) => ComparisonLrFactors.Parse(values.Get(CompareLrFactors), out _)!;

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.TrimEntries);

    /// <summary>
    /// What is wrong with a comma-separated list of <paramref name="what"/>s, naming the first offending entry (an
    /// empty one, one <paramref name="valid"/> refuses, one given twice), or null when every entry is fine.
    /// </summary>
    private static string? ListProblem(string text, Func<string, bool> valid, string what)
    {
        var entries = Split(text);
        if (entries.Any(e => e.Length == 0))
            return entries.Length == 1 ? $"no {what} is given" : "the list has an empty entry (two commas in a row, or one at an end)";
        if (entries.FirstOrDefault(e => !valid(e)) is { } bad) return $"'{bad}' is not a {what}";
        if (entries.GroupBy(e => e).FirstOrDefault(g => g.Count() > 1) is { } twice) return $"'{twice.Key}' is given twice";
        return null;
    }
}
