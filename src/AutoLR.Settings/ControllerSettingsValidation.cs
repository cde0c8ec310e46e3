using Microsoft.Extensions.Options;
using S = AutoLR.Settings.SettingCatalog;

namespace AutoLR.Settings;

/// <summary>Ranges and combinations of the controller settings (DESIGN.md §2).</summary>
public sealed class ControllerSettingsValidation(SettingOrigin origin) : IValidateOptions<ControllerSettings>
{
    public ValidateOptionsResult Validate(string? name, ControllerSettings o)
    {
        var p = new SettingProblems(origin);
        p.Require(Finite(o.Alpha) && o.Alpha > 0, S.Alpha, o.Alpha, "α must be a number > 0 (the paper uses 2).");
        p.Require(Finite(o.Beta) && o.Beta > 0, S.Beta, o.Beta, "β must be a number > 0 (the paper uses 0.4).");
        p.Require(o.Tau > 0 && o.Tau <= 1, S.Tau, o.Tau, "τ is a sorting quality and must lie in (0, 1] (the paper uses 0.94).");
        p.Require(o.TauDecay > 0 && o.TauDecay <= 1, S.TauDecay, o.TauDecay, "the τ decay factor must lie in (0, 1]; 1 keeps τ constant.");
        p.Require(o.TauFloor > 0 && o.TauFloor <= 1, S.TauFloor, o.TauFloor, "the τ floor must lie in (0, 1].");
        if (o.TauFloor > 0 && o.TauFloor <= 1 && o.Tau > 0 && o.Tau <= 1)
            p.RequireTogether(o.TauFloor <= o.Tau, S.TauFloor, o.TauFloor, S.Tau, o.Tau,
                "the floor τ may decay to must not exceed τ itself; lower --tau-floor or raise --tau.");
        p.Require(o.TrialCap is >= 1 and <= 100, S.TrialCap, o.TrialCap, "the trial cap must be an integer in 1..100 (default 5).");
        p.Require(o.ProbeFraction > 0 && o.ProbeFraction <= 1, S.ProbeFraction, o.ProbeFraction,
            "the probe fraction is a share of an epoch's batches and must lie in (0, 1]; 1 trains every trial for a whole epoch (the paper).");
        p.Require(Finite(o.LrMin) && o.LrMin > 0, S.LrMin, o.LrMin, "the smallest learning rate must be a number > 0.");
        p.Require(Finite(o.LrMax) && o.LrMax > 0, S.LrMax, o.LrMax, "the largest learning rate must be a number > 0.");
        if (o.LrMin > 0 && o.LrMax > 0)
            p.RequireTogether(o.LrMin < o.LrMax, S.LrMin, o.LrMin, S.LrMax, o.LrMax,
                "the learning-rate bounds need --lr-min < --lr-max.");
        p.Require(Choice(S.Normalisation, o.Normalisation), S.Normalisation, o.Normalisation, Allowed(S.Normalisation));
        p.Require(Choice(S.TargetRule, o.TargetRule), S.TargetRule, o.TargetRule, Allowed(S.TargetRule));
        return p.Result();
    }

    internal static bool Finite(double x) => double.IsFinite(x);

    internal static bool Choice(SettingKey setting, string value) => setting.Choices!.Contains(value);

    internal static string Allowed(SettingKey setting) => $"use one of {string.Join(", ", setting.Choices!)}.";
}
