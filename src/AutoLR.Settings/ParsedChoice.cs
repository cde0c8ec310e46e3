using Microsoft.FSharp.Core;

namespace AutoLR.Settings;

/// <summary>
/// A validated choice setting as the union the implementing layer declares. Validation has checked the name against
/// the same list, so an unknown one here is a bug and stops the run rather than falling back to a default.
/// </summary>
public static class ParsedChoice
{
    public static T Of<T>(SettingKey setting, FSharpResult<T, string> parsed) =>
        parsed.IsOk
            ? parsed.ResultValue
            : throw new InvalidOperationException($"{setting.ConfigKey}: {parsed.ErrorValue} Validation should have rejected it; please report this.");
}
