using System.Globalization;
using AutoLR.Algorithms;

namespace AutoLR.Settings;

/// <summary>What `compare` compares: the methods and the seeds, each setting declared once.</summary>
public static class ComparisonSettings
{
    /// <summary>compare takes them.</summary>
    public static readonly SettingGroup Group = new("comparison", sweepable: false);

    public static readonly Setting<string> Schedules = Setting.Text("Schedules",
        "compare: the methods, comma-separated names of --schedule (e.g. autolr,single,layer-decay,auto-rgn,lp-ft).",
        [Group], "autolr,single,layer-decay,auto-rgn,lp-ft")
        .CheckedBy(text => Split(text) is var names && names.All(n => ScheduleCatalog.names.Contains(n)) && names.Distinct().Count() == names.Length ? null
            : $"list distinct schedule names separated by commas, each one of {string.Join(", ", ScheduleCatalog.names)}.");

    public static readonly Setting<string> Seeds = Setting.Text("Seeds",
        "compare: the seeds, comma-separated integers ≥ 0; seed s gives every method the same split, initial weights, data order and flips.",
        [Group], "1,2,3")
        .CheckedBy(text => Split(text) is var seeds && seeds.All(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                           && seeds.Distinct().Count() == seeds.Length ? null
            : "list distinct integer seeds ≥ 0 separated by commas, e.g. 1,2,3.");

    /// <summary>The settings, in the order help lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Schedules, Seeds];

    /// <summary>The methods to compare, in the order given.</summary>
    public static IReadOnlyList<string> ScheduleNames(SettingValues values) => Split(values.Get(Schedules));

    /// <summary>The seeds to compare over, in the order given.</summary>
    public static IReadOnlyList<int> SeedList(SettingValues values) =>
        Split(values.Get(Seeds)).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.TrimEntries);
}
