using System.Text.Json.Nodes;
using AutoLR.Integration.Host;

namespace AutoLR.Integration.Jobs;

/// <summary>
/// Each checkpoint records the settings it was trained with; a resume whose config.json was edited since is refused
/// (exit 2, naming the file and the setting) instead of splicing two experiments into one run (issue 10, case 7).
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class EditedConfigTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task Resume_after_config_json_was_edited_exits_2_naming_the_file_and_the_setting()
    {
        var output = HostRun.NewTemporaryFolder();
        var first = await AutoLrChild.RunAsync(_cache, ["finetune", "--schedule", "single", .. AutoLrChild.Tiny, "--epochs", "1", "--output", output]);
        Assert.True(first.ExitCode == 0, first.ToString());
        var run = AutoLrChild.RunFolder(output);
        var configFile = Path.Combine(run, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(configFile))!;
        config["AutoLR"]!["BaseLr"] = 0.02;
        File.WriteAllText(configFile, config.ToJsonString());

        var resumed = await AutoLrChild.RunAsync(_cache, ["finetune", "--resume", run]);
        Assert.True(resumed.ExitCode == 2, resumed.ToString());
        Assert.Contains($"{configFile} no longer matches", resumed.Error);
        Assert.Contains("BaseLr: 0.01 → 0.02", resumed.Error);
    }
}
