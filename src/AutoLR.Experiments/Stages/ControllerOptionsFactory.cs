using AutoLR.Algorithms;
using AutoLR.Settings;

namespace AutoLR.Experiments.Stages;

/// <summary>The F# controller's options from the validated settings; what the settings do not name keeps the paper's defaults.</summary>
public static class ControllerOptionsFactory
{
    public static ControllerOptions From(RunSettings settings)
    {
        var c = settings.Controller;
        var threshold = c.TauDecay >= 1.0
            ? ThresholdSchedule.NewConstant(c.Tau)
            : ThresholdSchedule.NewDecaying(c.Tau, c.TauDecay, c.TauFloor);
        var normalisation = ParsedChoice.Of(SettingCatalog.Normalisation, Normalisations.tryParse(c.Normalisation));
        var training = settings.Training;
        return AutoLrController.defaults(training.BaseLr)
            .WithStem(StemRule.NewFollowFirstBlock(training.StemFactor))
            .WithHeadLr(training.HeadFactor * training.BaseLr)
            .WithAlpha(c.Alpha)
            .WithBeta(c.Beta)
            .WithThreshold(threshold)
            .WithTrialCap(c.TrialCap)
            .WithProbeFraction(c.ProbeFraction)
            .WithLrBounds(c.LrMin, c.LrMax)
            .WithNormalisation(normalisation)
            .WithTargetRule(c.TargetRule);
    }
}
