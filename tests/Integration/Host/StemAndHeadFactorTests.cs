using AutoLR.Algorithms;
using AutoLR.Experiments.Stages;
using AutoLR.Settings;

namespace AutoLR.Integration.Host;

/// <summary>--stem-factor and --head-factor set AutoLR's stem and head LRs, not only the baselines'.</summary>
public class StemAndHeadFactorTests
{
    [Fact]
    public void The_defaults_are_the_controllers_own()
    {
        var defaults = AutoLrController.defaults(RunSettings.Defaults.Training.BaseLr);
        var options = ControllerOptionsFactory.From(RunSettings.Defaults);
        Assert.Equal(defaults.Stem, options.Stem);
        Assert.Equal(defaults.HeadLr, options.HeadLr);
    }

    [Fact]
    public void Chosen_factors_reach_the_controller()
    {
        var settings = RunSettings.Defaults with { Training = new TrainingSettings { BaseLr = 0.02, StemFactor = 0.25, HeadFactor = 4 } };
        var options = ControllerOptionsFactory.From(settings);
        Assert.Equal(StemRule.NewFollowFirstBlock(0.25), options.Stem);
        Assert.Equal(0.08, options.HeadLr, 12);

        var state = AutoLrController.init(options, ["a", "b"], 0.02);
        var rates = AutoLrController.trialLearningRates(options, state);
        Assert.Equal(0.005, rates.Stem, 12);
        Assert.Equal(0.08, rates.Head, 12);
    }
}
