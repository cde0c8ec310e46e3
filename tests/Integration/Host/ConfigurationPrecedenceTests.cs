using System.Text.Json.Nodes;
using AutoLR.Experiments;
using AutoLR.Integration.Slurm;
using Microsoft.Extensions.Configuration;
using AutoLR.Settings;
using AutoLR.RunFormat.Config;
using AutoLR.Algorithms;
using AutoLR.Torch.Data;

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
        Assert.Equal(5, settings.Get(ControllerSettings.alpha));   // switch
        Assert.Equal(0.2, settings.Get(ControllerSettings.beta));  // environment over appsettings
        Assert.Equal(0.8, settings.Get(ControllerSettings.tau));   // appsettings over default
        Assert.Equal(5, settings.Get(ControllerSettings.trialCap)); // default
    }

    [Fact]
    public async Task A_flag_not_given_leaves_the_environment_value_in_force()
    {
        var (result, settings) = await Capture(["finetune"], new Dictionary<string, string> { ["AUTOLR__SKIPBADIMAGES"] = "true" }, null);
        Assert.Equal(0, result.ExitCode);
        Assert.NotNull(settings);
        Assert.True(settings.Get(DataSettings.SkipBadImages));
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
        Assert.Equal(SettingRegistry.All.Count, config.Settings.Count);
    }

    /// <summary>
    /// The build writes appsettings.json beside the autolr binary with `autolr defaults`: every setting of the registry
    /// at its default, each value reading back as that default.
    /// </summary>
    [Fact]
    public async Task Shipped_appsettings_json_holds_exactly_the_registry_defaults()
    {
        var testBinary = Path.GetRelativePath(RepositoryRoot.Path, AppContext.BaseDirectory).Split(Path.DirectorySeparatorChar);
        var hostBinary = Path.Combine([RepositoryRoot.Path, "src", "AutoLR.Host", .. testBinary[2..]]);
        var shippedText = File.ReadAllText(Path.Combine(hostBinary, ShippedSettings.FileName));
        Assert.Equal(ShippedSettings.Render(), shippedText);
        Assert.Equal((await HostRun.RunAsync(["defaults"])).Out, shippedText);

        var shipped = JsonNode.Parse(shippedText)!["AutoLR"]!.AsObject();
        Assert.Equal(SettingRegistry.All.Select(s => s.Name), shipped.Select(p => p.Key));
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(shippedText))).Build();
        var read = SettingsBinding.Bind(configuration);
        Assert.All(SettingRegistry.All, s => Assert.Equal(s.DefaultValue, read.Value(s)));
    }
}
