using System.Globalization;
using AutoLR.Algorithms;

namespace AutoLR.Settings;

/// <summary>
/// The edge between the schedule settings and the F# schedule catalogue: the hyper-parameter settings are made from
/// <see cref="ScheduleParameters.all"/> (name, help, range; the default is the settings property's, taken from
/// <see cref="BaselineParametersModule.defaults"/>), and the validated strings become a <see cref="ScheduleChoice"/> and
/// a <see cref="BaselineParameters"/> here, once.
/// </summary>
public static class ScheduleSettings
{
    private static readonly (SettingKey Key, ScheduleParameter Parameter)[] Table =
        ScheduleParameters.all.Select(p => (new SettingKey(p.Name, "--" + KebabCase(p.Name), p.Integer ? SettingKind.Integer : SettingKind.Number,
            $"{p.Description} {Capitalised(ScheduleParameterModule.rangeText(p))}."), p)).ToArray();

    /// <summary>One setting per baseline hyper-parameter, in the catalogue's order.</summary>
    public static IReadOnlyList<SettingKey> Keys { get; } = Table.Select(t => t.Key).ToArray();

    /// <summary>The F# description of a hyper-parameter setting (range checks, default).</summary>
    public static ScheduleParameter ParameterOf(SettingKey key) => Table.Single(t => t.Key == key).Parameter;

    /// <summary>The schedule <c>--schedule</c> chose; validation has checked the name, so an unknown one is a bug.</summary>
    public static ScheduleChoice Choice(TrainingSettings settings) =>
        ParsedChoice.Of(SettingCatalog.Schedule, ScheduleCatalog.tryParse(settings.Schedule));

    /// <summary>The baselines' hyper-parameters as the settings give them.</summary>
    public static BaselineParameters Parameters(TrainingSettings settings) =>
        ScheduleParameters.withValues(Table.Select(t => Tuple.Create(t.Parameter.Name, ValueOf(settings, t.Key))));

    /// <summary>The value of a hyper-parameter setting, from the <see cref="TrainingSettings"/> property of its name.</summary>
    public static double ValueOf(TrainingSettings settings, SettingKey key)
    {
        var property = typeof(TrainingSettings).GetProperty(key.Name)
                       ?? throw new InvalidOperationException($"The schedule parameter {key.Name} has no setting; add a property {key.Name} to {nameof(TrainingSettings)}.");
        return Convert.ToDouble(property.GetValue(settings), CultureInfo.InvariantCulture);
    }

    /// <summary>StepGamma → step-gamma, SgdrT0 → sgdr-t0.</summary>
    private static string KebabCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
