using System.Text.Json.Nodes;
using AutoLR.Experiments;
using AutoLR.Settings;
using AutoLR.RunFormat.Config;

namespace AutoLR.Integration.Host;

/// <summary>appsettings.json &lt; AUTOLR__ environment variables &lt; switches, all feeding the same options classes.</summary>
public class ConfigurationPrecedenceTests
{
    private static async Task<(HostResult Result, RunSettings? Settings)> Capture(string[] args, IDictionary<string, string>? environment, string? appSettings)
    {
        RunSettings? seen = null;
        var catalog = new JobCatalog().Register("finetune", context =>
        {
            seen = context.Settings;
            return JobResult.Completed();
        });
        var result = await HostRun.RunAsync(args, catalog, environment, appSettings);
        return (result, seen);
    }

    private const string AppSettings = """{ "AutoLR": { "Alpha": 3, "Beta": 0.3, "Tau": 0.8 } }""";

    [Fact]
    public async Task Switch_beats_environment_beats_appsettings_beats_default()
    {
        var (result, settings) = await Capture(
            ["finetune", "--alpha", "5"],
            new Dictionary<string, string> { ["AUTOLR__ALPHA"] = "4", ["AUTOLR__BETA"] = "0.2" },
            AppSettings);
        Assert.Equal(0, result.ExitCode);
        Assert.NotNull(settings);
        Assert.Equal(5, settings.Controller.Alpha);   // switch
        Assert.Equal(0.2, settings.Controller.Beta);  // environment over appsettings
        Assert.Equal(0.8, settings.Controller.Tau);   // appsettings over default
        Assert.Equal(5, settings.Controller.TrialCap); // default
    }

    [Fact]
    public async Task A_flag_not_given_leaves_the_environment_value_in_force()
    {
        var (result, settings) = await Capture(["finetune"], new Dictionary<string, string> { ["AUTOLR__SKIPBADIMAGES"] = "true" }, null);
        Assert.Equal(0, result.ExitCode);
        Assert.NotNull(settings);
        Assert.True(settings.Data.SkipBadImages);
    }

    [Fact]
    public async Task Resolved_settings_are_stored_in_config_json()
    {
        var (result, _) = await Capture(["finetune", "--alpha", "5", "--schedule", "sgdr"], null, AppSettings);
        var config = RunConfigFile.Read(Assert.Single(result.RunFolders));
        Assert.Equal(5.0, config.Settings["Alpha"]!.GetValue<double>());
        Assert.Equal(0.8, config.Settings["Tau"]!.GetValue<double>());
        Assert.Equal("sgdr", config.Settings["Schedule"]!.GetValue<string>());
        Assert.Equal("finetune", config.Command);
        Assert.Equal(SettingCatalog.All.Count, config.Settings.Count);
    }

    [Fact]
    public void Shipped_appsettings_json_holds_exactly_the_embedded_defaults()
    {
        var shipped = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")))!["AutoLR"]!.AsObject();
        var defaults = RunSettings.Defaults.ToJson();
        Assert.Equal(defaults.Select(p => p.Key).Order(), shipped.Select(p => p.Key).Order());
        foreach (var (key, value) in defaults)
            Assert.True(JsonNode.DeepEquals(value, shipped[key]) || value!.ToJsonString() == shipped[key]!.ToJsonString()
                        || (double.TryParse(value.ToJsonString(), out var a) && double.TryParse(shipped[key]!.ToJsonString(), out var b) && a == b),
                $"appsettings.json AutoLR:{key} = {shipped[key]?.ToJsonString()} but the default is {value?.ToJsonString()}");
    }
}
