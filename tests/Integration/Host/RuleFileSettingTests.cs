using AutoLR.Algorithms;
using AutoLR.Settings;

namespace AutoLR.Integration.Host;

/// <summary>
/// --rule-file and its hash are settings like any other: help documents them, every rule choice takes user:NAME
/// besides its catalogue, and the hash is recorded with the experiment (config.json, results.json, checkpoints).
/// </summary>
public class RuleFileSettingTests
{
    [Fact]
    public async Task Help_documents_the_rule_file_its_hash_and_user_names()
    {
        var result = await HostRun.RunAsync(["finetune", "--help"]);
        Assert.Contains("--rule-file <PATH>", result.Out);
        Assert.Contains("--rule-file-sha256", result.Out);
        foreach (var choice in ControllerSettings.ruleChoices)
            Assert.Contains($"{choice.Switch} <", result.Out);
        Assert.Contains("Or user:NAME, a rule of your --rule-file.", result.Out);
    }

    [Fact]
    public void Every_rule_choice_takes_user_names_and_only_its_catalogue_otherwise()
    {
        foreach (var choice in ControllerSettings.ruleChoices)
        {
            Assert.Null(choice.Problem("user:anything"));
            Assert.Contains("or user:NAME for a rule of your rule file", choice.Problem("anything"));
        }
    }

    [Fact]
    public void The_file_and_its_hash_are_part_of_the_experiment()
    {
        Assert.Equal(SettingRole.Experiment, ControllerSettings.ruleFile.Role);
        Assert.Equal(SettingRole.Experiment, RuleFileSettings.Sha256.Role);
        Assert.Equal(SettingKind.Path, ControllerSettings.ruleFile.Kind);
        Assert.Contains(RuleFileSettings.Sha256, SettingRegistry.All);
    }
}
