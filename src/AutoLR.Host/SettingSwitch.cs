using System.CommandLine;
using System.CommandLine.Parsing;
using AutoLR.Algorithms;
using AutoLR.Settings;

namespace AutoLR.Host;

/// <summary>
/// The typed switch of one setting — <c>Option&lt;double&gt;</c> for a number, <c>Option&lt;int&gt;</c> for a whole
/// number, <c>Option&lt;bool&gt;</c> for a flag, <c>Option&lt;string&gt;</c> otherwise — with its help from the
/// setting's descriptor. A value of the wrong kind is refused while parsing (exit code 2), with the message
/// configuration gives; a value given is passed on as the configuration text the user typed, so that switches,
/// <c>AUTOLR__</c> variables and appsettings.json feed the same settings, and a queued job keeps the spelling.
/// </summary>
public sealed class SettingSwitch
{
    private SettingSwitch(Setting setting, Option option)
    {
        Setting = setting;
        Option = option;
    }

    public Setting Setting { get; }

    public Option Option { get; }

    public static SettingSwitch For(Setting setting) => new(setting, setting.Kind switch
    {
        SettingKind.Number => Typed<double>(setting),
        SettingKind.Integer => Typed<int>(setting),
        SettingKind.Flag => new Option<bool>(setting.Switch) { Description = Describe(setting) },
        _ => Typed<string>(setting),
    });

    /// <summary>
    /// The configuration text of the switch as given, or null when it was not given: a flag not given still has an
    /// implicit result (false), and passing it on would override the same setting from <c>AUTOLR__</c> variables and
    /// appsettings.json, and a queued job would carry switches nobody typed.
    /// </summary>
    public string? Text(ParseResult parsed) => parsed.GetResult(Option) switch
    {
        null or { Implicit: true } => null,
        var given when Option is Option<bool> flag => parsed.GetValue(flag) ? "true" : "false",
        var given => given.Tokens.Single().Value,
    };

    private static Option<T> Typed<T>(Setting setting) => new(setting.Switch)
    {
        Description = Describe(setting),
        HelpName = HelpName(setting),
        CustomParser = result => Parse<T>(setting, result),
    };

    private static T? Parse<T>(Setting setting, ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (setting.SyntaxProblem(text) is not { } expected) return (T)setting.Parse(text);
        result.AddError($"{setting.Switch} = '{text}': {expected}");
        return default;
    }

    /// <summary>The setting's help, range, choices, default, configuration key and environment variable.</summary>
    private static string Describe(Setting setting)
    {
        var range = setting.Range is { } r ? $" {Capitalised(SettingRangeModule.text(r.Value))}." : "";
        var choices = setting.Choices.IsEmpty ? "" :
            " One of: " + string.Join("; ", setting.Choices.Select(c => c.Description.Length == 0 ? c.Name : $"{c.Name} ({c.Description})")) + ".";
        var byDefault = setting.Text(setting.DefaultValue);
        return $"{setting.Help}{range}{choices} Default: {(byDefault.Length == 0 ? "(empty)" : byDefault)}. " +
               $"[{setting.ConfigKey}, {setting.EnvironmentVariable}]";
    }

    private static string HelpName(Setting setting) => setting.Kind switch
    {
        SettingKind.Number => "NUMBER",
        SettingKind.Integer => "INTEGER",
        SettingKind.Path => "PATH",
        SettingKind.Choice => string.Join("|", setting.Choices.Select(c => c.Name)),
        _ => "VALUE",
    };

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
