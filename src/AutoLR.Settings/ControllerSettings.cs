using AutoLR.Algorithms;

namespace AutoLR.Settings;

/// <summary>
/// Settings of the AutoLR controller (Algorithm 2), bound from the <c>AutoLR</c> section. The defaults are
/// <see cref="AutoLrController.defaults"/>'s (the paper's α, β, τ, the trial cap and LR bounds, DESIGN.md §2) and the
/// first rule of each <see cref="RuleCatalog"/> list; appsettings.json ships the same values (a test holds it to them).
/// </summary>
public sealed class ControllerSettings
{
    private static readonly ControllerOptions Defaults = AutoLrController.defaults(new TrainingSettings().BaseLr);

    /// <summary>τ, decay factor and floor of the default threshold; a constant τ is decay 1 with the authors' floor 0.8.</summary>
    private static readonly (double Tau, double Decay, double Floor) DefaultThreshold = Defaults.Threshold switch
    {
        ThresholdSchedule.Decaying d => (d.tau, d.factor, d.floor),
        ThresholdSchedule.Constant c => (c.tau, 1.0, 0.8),
        _ => throw new InvalidOperationException($"No setting spells the default threshold {Defaults.Threshold}; add one."),
    };

    public double Alpha { get; set; } = Defaults.Alpha;
    public double Beta { get; set; } = Defaults.Beta;
    public double Tau { get; set; } = DefaultThreshold.Tau;
    /// <summary>1 keeps τ constant (the paper); below 1, τ_t = max(TauFloor, τ · TauDecay^(t−1)).</summary>
    public double TauDecay { get; set; } = DefaultThreshold.Decay;
    public double TauFloor { get; set; } = DefaultThreshold.Floor;
    public int TrialCap { get; set; } = Defaults.TrialCap;
    public double LrMin { get; set; } = Defaults.LrMin;
    public double LrMax { get; set; } = Defaults.LrMax;
    /// <summary><c>per-weight</c> (eq. 1 as printed) or <c>per-sqrt-weight</c> (RMS change).</summary>
    public string Normalisation { get; set; } = "per-weight";
    /// <summary>
    /// Share of an epoch's batches a trial trains before it is judged, in (0, 1]: 1 is the paper's full-epoch trial;
    /// below 1 a trial is a probe and only the kept one finishes the epoch (<see cref="Probe"/>).
    /// </summary>
    public double ProbeFraction { get; set; } = Defaults.ProbeFraction;
    /// <summary>Initial-target rule (eqs. 10–11): a name in <see cref="RuleCatalog.initialTargets"/>.</summary>
    public string TargetRule { get; set; } = RuleCatalog.initialTargets.Head.Name;
}
