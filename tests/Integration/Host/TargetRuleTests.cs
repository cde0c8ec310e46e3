using AutoLR.Algorithms;
using AutoLR.Settings;
using Microsoft.FSharp.Core;

namespace AutoLR.Integration.Host;

/// <summary>The --target-rule setting offers exactly the F# catalogue's rules and hands the chosen one to the controller.</summary>
public class TargetRuleTests
{
    [Fact]
    public void Choices_are_the_rule_catalogue_each_with_its_description()
    {
        Assert.Equal(RuleCatalog.initialTargets.Select(r => (r.Name, r.Description)),
            ControllerSettings.targetRule.Choices.Select(c => (c.Name, c.Description)));
        Assert.Equal(RuleCatalog.initialTargets.Head.Name, RunSettings.Defaults.Get(ControllerSettings.targetRule));
    }

    [Fact]
    public async Task Help_describes_each_rule()
    {
        var result = await HostRun.RunAsync(["finetune", "--help"]);
        Assert.All(RuleCatalog.initialTargets, r => Assert.Contains($"{r.Name} ({r.Description})", result.Out));
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("geometric")]
    public void The_chosen_rule_is_the_one_the_controller_uses(string name)
    {
        var options = ControllerSettings.options(RunSettings.Defaults.With(ControllerSettings.targetRule, name).Values);
        double[] variations = [0.001, 0.004, 0.002, 0.01];

        var used = Targets(options.Rules.InitialTargets, variations);
        var registered = Targets(RuleCatalog.initialTargets.Single(r => r.Name == name).Rule, variations);

        Assert.Equal(registered, used);
    }

    [Fact]
    public void An_unknown_rule_name_is_refused_naming_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => AutoLrController.defaults(0.01).WithTargetRule("cubic"));
        Assert.Contains("cubic", error.Message);
        Assert.Contains(string.Join(", ", RuleCatalog.initialTargets.Select(r => r.Name)), error.Message);
    }

    private static double[] Targets(FSharpFunc<double, FSharpFunc<double, FSharpFunc<double[], FSharpResult<double[], TargetError>>>> rule, double[] v) =>
        rule.Invoke(2.0).Invoke(0.4).Invoke(v).ResultValue;
}
