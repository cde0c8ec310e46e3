namespace AutoLR.Host.Configuration;

/// <summary>
/// Settings of the AutoLR controller (Algorithm 2), bound from the <c>AutoLR</c> section. The defaults are the paper's
/// (α = 2, β = 0.4, τ = 0.94 constant) plus the trial cap this implementation adds (DESIGN.md §2).
/// </summary>
public sealed class ControllerSettings
{
    public double Alpha { get; set; } = 2.0;
    public double Beta { get; set; } = 0.4;
    public double Tau { get; set; } = 0.94;
    /// <summary>1 keeps τ constant (the paper); below 1, τ_t = max(TauFloor, τ · TauDecay^(t−1)).</summary>
    public double TauDecay { get; set; } = 1.0;
    public double TauFloor { get; set; } = 0.8;
    public int TrialCap { get; set; } = 5;
    public double LrMin { get; set; } = 1e-5;
    public double LrMax { get; set; } = 1.0;
    /// <summary><c>per-weight</c> (eq. 1 as printed) or <c>per-sqrt-weight</c> (RMS change).</summary>
    public string Normalisation { get; set; } = "per-weight";
    /// <summary>Initial-target rule (eqs. 10–11): a name in <see cref="AutoLR.Algorithms.RuleCatalog.initialTargets"/>.</summary>
    public string TargetRule { get; set; } = AutoLR.Algorithms.RuleCatalog.initialTargets.Head.Name;
}
