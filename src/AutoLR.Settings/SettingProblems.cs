using System.Globalization;
using Microsoft.Extensions.Options;

namespace AutoLR.Settings;

/// <summary>
/// Collects what is wrong with one settings class. Every message has the same shape — which key (as the user typed
/// it), which value, what is allowed — so the user can fix it without reading code.
/// </summary>
public sealed class SettingProblems(SettingOrigin origin)
{
    private readonly List<string> _messages = [];

    /// <summary>Records a problem when <paramref name="ok"/> is false.</summary>
    public void Require(bool ok, SettingKey setting, object? value, string allowed)
    {
        if (!ok) _messages.Add($"{origin.Describe(setting)} = {Show(value)}: {allowed}");
    }

    /// <summary>Records a problem with a combination of two settings.</summary>
    public void RequireTogether(bool ok, SettingKey first, object? firstValue, SettingKey second, object? secondValue, string allowed)
    {
        if (!ok)
            _messages.Add($"{origin.Describe(first)} = {Show(firstValue)} with " +
                          $"{origin.Describe(second)} = {Show(secondValue)}: {allowed}");
    }

    public ValidateOptionsResult Result() =>
        _messages.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_messages);

    private static string Show(object? value) => value switch
    {
        null => "(empty)",
        bool b => b ? "true" : "false",
        string s when s.Length == 0 => "(empty)",
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
