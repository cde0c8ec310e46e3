using AutoLR.Algorithms;
using AutoLR.Settings;

namespace AutoLR.Integration.Host;

/// <summary>--stem-factor and --head-factor set AutoLR's stem and head LRs, not only the baselines'.</summary>
public class StemAndHeadFactorTests
{
    [Fact]
    public void The_defaults_are_the_controllers_own()
    {
        var defaults = AutoLrController.defaults(RunSettings.Defaults.Get(LearningRateSettings.baseLr));
        var options = ControllerSettings.options(RunSettings.Defaults.Values);
        Assert.Equal(defaults.Stem, options.Stem);
        Assert.Equal(defaults.HeadLr, options.HeadLr);
    }

    [Fact]
    public void Chosen_factors_reach_the_controller()
    {
        var settings = RunSettings.Defaults
            .With(LearningRateSettings.baseLr, 0.02).With(ScheduleSettings.stemFactor, 0.25).With(ScheduleSettings.headFactor, 4.0);
        var options = ControllerSettings.options(settings.Values);
        Assert.Equal(StemRule.NewFollowFirstBlock(0.25), options.Stem);
        Assert.Equal(0.08, options.HeadLr, 12);

        var state = AutoLrController.init(options, ["a", "b"], 0.02);
        var rates = AutoLrController.trialLearningRates(options, state);
        Assert.Equal(0.005, rates.Stem, 12);
        Assert.Equal(0.08, rates.Head, 12);
    }
}
