using AutoLR.Algorithms;
using AutoLR.Host.Configuration;

namespace AutoLR.Host.Experiments;

/// <summary>The F# controller's options from the validated settings; what the settings do not name keeps the paper's defaults.</summary>
public static class ControllerOptionsFactory
{
    public static ControllerOptions From(RunSettings settings)
    {
        var c = settings.Controller;
        var defaults = AutoLrController.defaults(settings.Training.BaseLr);
        var threshold = c.TauDecay >= 1.0
            ? ThresholdSchedule.NewConstant(c.Tau)
            : ThresholdSchedule.NewDecaying(c.Tau, c.TauDecay, c.TauFloor);
        var normalisation = ParsedChoice.Of(SettingCatalog.Normalisation, Normalisations.tryParse(c.Normalisation));
        return new ControllerOptions(c.Alpha, c.Beta, threshold, c.TrialCap, c.LrMin, c.LrMax, defaults.TargetFloorFraction,
            defaults.Stem, defaults.HeadLr, defaults.GlobalMultiplier, normalisation, defaults.DivergenceLimit);
    }
}
