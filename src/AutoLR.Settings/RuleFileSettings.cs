using AutoLR.Algorithms;
using AutoLR.RuleFiles;

namespace AutoLR.Settings;

/// <summary>
/// The host's side of a user's rule file (<see cref="ControllerSettings.ruleFile"/>, declared by the controller, which
/// does no I/O): the file's SHA-256 as a setting, so that config.json, results.json and every checkpoint record which
/// rule made the run and a resume refuses an edited file; the checks that the file compiles and has the
/// <c>user:NAME</c> rules the settings choose (exit code 2 before any work); and the compiled rules a stage trains with.
/// </summary>
public static class RuleFileSettings
{
    /// <summary>
    /// Resolved once, when a run starts, from the file's bytes; a resume reads it back from config.json and the check
    /// below compares it with the file as it is now.
    /// </summary>
    public static readonly Setting<string> Sha256 = Setting.Text("RuleFileSha256",
            $"SHA-256 of {ControllerSettings.ruleFile.Switch}, taken when the run starts and recorded in config.json; a resume refuses a " +
            "rule file whose hash differs. Leave it out: it is computed. Given, the run refuses a file with another hash.",
            [ControllerSettings.group], "")
        .ResolvedBy((values, hash) =>
            hash.Length == 0 && values.Get(ControllerSettings.ruleFile) is { Length: > 0 } path && File.Exists(path) ? RuleFileHash.sha256(path) : hash);

    /// <summary>The settings, in the order help lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Sha256];

    /// <summary>The file compiles, is the file the run started with, and has every <c>user:NAME</c> rule chosen.</summary>
    public static IReadOnlyList<SettingRule> Rules { get; } =
    [
        SettingRule.Of([ControllerSettings.ruleFile], [], values =>
            values.Get(ControllerSettings.ruleFile) is { Length: > 0 } path && RuleFiles.RuleFiles.load(path) is { IsError: true } failed
                ? failed.ErrorValue + "\nFix the file (README: Your own rules), or leave out " + ControllerSettings.ruleFile.Switch + "."
                : null),
        SettingRule.Of([Sha256, ControllerSettings.ruleFile], [], values =>
        {
            var (path, hash) = (values.Get(ControllerSettings.ruleFile), values.Get(Sha256));
            if (path.Length == 0)
                return hash.Length == 0 ? null : $"a hash needs a rule file; give {ControllerSettings.ruleFile.Switch} PATH or leave out {Sha256.Switch}.";
            if (!File.Exists(path) || hash.Length == 0) return null;
            var now = RuleFileHash.sha256(path);
            return string.Equals(now, hash, StringComparison.OrdinalIgnoreCase) ? null :
                $"the rule file {path} has SHA-256 {now} now, but the run was made with the file of SHA-256 {hash}. One run's trace " +
                "comes from one rule: put the original file back to resume, or start a new run (not --resume or --from) with the edited file.";
        }),
        .. ControllerSettings.ruleChoices.Zip(UserRuleSetModule.names(UserRuleSetModule.empty), (choice, kind) =>
            SettingRule.Of([choice, ControllerSettings.ruleFile], [], values =>
            {
                var (name, path) = (values.Get(choice), values.Get(ControllerSettings.ruleFile));
                if (!name.StartsWith(UserRuleSetModule.prefix, StringComparison.Ordinal) || path.Length == 0) return null;
                if (RuleFiles.RuleFiles.load(path) is not { IsOk: true } loaded) return null;
                var provided = UserRuleSetModule.names(loaded.ResultValue.Rules).Single(k => k.Item1 == kind.Item1).Item2;
                return provided.Contains(name) ? null :
                    $"the rule file {path} has no {kind.Item1} rule named '{name[UserRuleSetModule.prefix.Length..]}'; " +
                    (provided.IsEmpty ? $"it has no {kind.Item1} rules at all." : $"its {kind.Item1} rules are {string.Join(", ", provided)}.");
            })),
    ];

    /// <summary>
    /// The rules of the run's rule file, checked on every call, or none without one. The settings were validated, so
    /// the file compiled; a file edited since is refused here rather than trained with.
    /// </summary>
    public static UserRuleSet UserRules(SettingValues values)
    {
        var path = values.Get(ControllerSettings.ruleFile);
        if (path.Length == 0) return UserRuleSetModule.empty;
        if (RuleFiles.RuleFiles.load(path) is not { IsOk: true } loaded)
            throw new ArgumentException($"The rule file {path} no longer compiles; put the original back and resume, or start a new run.");
        var file = loaded.ResultValue;
        if (!string.Equals(file.Sha256, values.Get(Sha256), StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(
                $"The rule file {path} changed while the run was running (SHA-256 {file.Sha256}, the run started with {values.Get(Sha256)}); " +
                "put the original back and resume, or start a new run.");
        return file.Rules;
    }
}
