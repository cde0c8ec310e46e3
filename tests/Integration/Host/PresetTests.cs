using System.Text.Json.Nodes;
using AutoLR.Algorithms;
using AutoLR.Experiments;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Runs;
using AutoLR.Runs.Checkpoints;
using AutoLR.Settings;

namespace AutoLR.Integration.Host;

/// <summary>
/// <c>--preset authors</c> gives the authors' code's values to the settings it covers, unless a switch, an
/// <c>AUTOLR__</c> variable or a non-default value in appsettings.json chooses them; config.json records the preset and
/// the values it gave, a resume keeps them, and a run made before presets existed reads as <c>paper</c>.
/// </summary>
public class PresetTests
{
    /// <summary>The authors' code's values, as config.json records them.</summary>
    private static readonly Dictionary<string, object> Authors = new()
    {
        ["TauDecay"] = 0.99, ["TauFloor"] = 0.8, ["LrClamp"] = false, ["HeadLr"] = 0.01, ["StemFactor"] = 0.5,
    };

    private static async Task<(HostResult Result, RunSettings? Settings)> Capture(
        string[] args, IDictionary<string, string>? environment = null, string? appSettings = null)
    {
        RunSettings? seen = null;
        var catalog = new JobCatalog().Register("finetune", context =>
        {
            seen = context.Settings;
            return JobResult.Completed();
        });
        // The shipped appsettings.json, every setting at its default, unless the test gives another.
        var result = await HostRun.RunAsync(args, catalog, environment, appSettings ?? ShippedSettings.Render());
        return (result, seen);
    }

    private static object? Recorded(JsonObject settings, string name) => settings[name] switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        var v => v?.ToString(),
    };

    [Fact]
    public async Task Preset_authors_is_recorded_in_config_json_with_every_value_it_gave()
    {
        var (result, settings) = await Capture(["finetune", "--preset", "authors"]);
        Assert.True(result.ExitCode == 0, result.Error);
        var config = RunConfigFile.Read(Assert.Single(result.RunFolders));
        Assert.Equal("authors", config.Settings["Preset"]!.GetValue<string>());
        foreach (var (name, value) in Authors) Assert.Equal(value, Recorded(config.Settings, name));

        var options = ControllerSettings.options(settings!.Values);
        Assert.Equal(ThresholdSchedule.NewDecaying(0.94, 0.99, 0.8), options.Threshold);
        Assert.Equal((0.0, double.PositiveInfinity), (options.LrMin, options.LrMax));
        Assert.Equal(0.01, options.HeadLr);
        Assert.Equal(StemRule.NewFollowFirstBlock(0.5), options.Stem);
    }

    [Fact]
    public async Task A_value_chosen_in_any_layer_beats_the_preset_and_a_default_in_appsettings_json_does_not()
    {
        var (result, settings) = await Capture(
            ["finetune", "--preset", "authors", "--tau-floor", "0.85"],
            new Dictionary<string, string> { ["AUTOLR__HEADLR"] = "0.02" },
            """{ "AutoLR": { "TauDecay": 0.95, "LrClamp": true, "StemFactor": 0.5 } }""");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(0.85, settings!.Get(ControllerSettings.tauFloor));   // switch
        Assert.Equal(0.02, settings.Get(ControllerSettings.headLr));      // environment
        Assert.Equal(0.95, settings.Get(ControllerSettings.tauDecay));    // appsettings.json, not its default
        Assert.False(settings.Get(ControllerSettings.lrClamp));           // appsettings.json's default is no choice
        Assert.Equal(0.5, settings.Get(ScheduleSettings.stemFactor));
    }

    [Fact]
    public async Task Without_a_preset_every_setting_keeps_its_default()
    {
        var (result, settings) = await Capture(["finetune"]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("paper", settings!.Get(PresetSettings.preset));
        Assert.All(PresetSettings.covered, s => Assert.Equal(s.DefaultValue, settings.Values.Value(s)));
    }

    [Fact]
    public async Task A_resume_keeps_the_values_the_preset_gave()
    {
        var catalog = new JobCatalog().Register("finetune", context =>
        {
            context.Run.Checkpoints.Save("epoch-1", new Checkpoint().SetJson(CheckpointEntries.Position, new LoopPosition("finetune", 1, 1, 0)));
            return JobResult.Stopped;
        });
        var started = await HostRun.RunAsync(["finetune", "--preset", "authors", "--tau-decay", "0.97", "--epochs", "4"], catalog,
            appSettingsJson: ShippedSettings.Render());
        Assert.True(started.ExitCode == 0, started.Error);
        var run = Assert.Single(started.RunFolders);

        var (resumed, settings) = await Capture(["finetune", "--resume", run]);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal("authors", settings!.Get(PresetSettings.preset));
        Assert.Equal(0.97, settings.Get(ControllerSettings.tauDecay));
        Assert.Equal(0.8, settings.Get(ControllerSettings.tauFloor));
        Assert.False(settings.Get(ControllerSettings.lrClamp));
        Assert.Equal(0.01, settings.Get(ControllerSettings.headLr));
    }

    [Fact]
    public async Task A_run_made_before_presets_existed_resumes_as_paper_with_its_own_values()
    {
        var catalog = new JobCatalog().Register("finetune", context =>
        {
            context.Run.Checkpoints.Save("epoch-1", new Checkpoint().SetJson(CheckpointEntries.Position, new LoopPosition("finetune", 1, 1, 0)));
            return JobResult.Stopped;
        });
        var started = await HostRun.RunAsync(["finetune", "--epochs", "4"], catalog);
        Assert.True(started.ExitCode == 0, started.Error);
        var run = Assert.Single(started.RunFolders);
        // config.json as autolr wrote it before the preset, the fixed head LR and the clamp switch existed.
        var file = Path.Combine(run, RunConfigFile.FileName);
        var config = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        foreach (var name in new[] { "Preset", "HeadLr", "LrClamp" }) Assert.True(config["AutoLR"]!.AsObject().Remove(name));
        File.WriteAllText(file, config.ToJsonString());

        var (resumed, settings) = await Capture(["finetune", "--resume", run], new Dictionary<string, string> { ["AUTOLR__PRESET"] = "authors" });
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("AUTOLR__PRESET is ignored", resumed.Error);
        Assert.Equal("paper", settings!.Get(PresetSettings.preset));
        Assert.Equal(1.0, settings.Get(ControllerSettings.tauDecay));
        Assert.True(settings.Get(ControllerSettings.lrClamp));
        Assert.Equal(0.0, settings.Get(ControllerSettings.headLr));
    }

    [Theory]
    [InlineData(RunCommands.Run)]
    [InlineData(RunCommands.FineTune)]
    [InlineData(RunCommands.Compare)]
    public async Task Help_lists_the_presets_with_the_values_they_give(string command)
    {
        var result = await HostRun.RunAsync([command, "--help"]);
        Assert.Equal(0, result.ExitCode);
        var help = string.Join(" ", result.Out.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--preset <paper|authors>", help);
        Assert.Contains("authors (the authors' released code: --tau-decay 0.99, --tau-floor 0.8, --lr-clamp false, --head-lr 0.01, --stem-factor 0.5)", help);
        Assert.Contains("A setting given explicitly", help);
        Assert.Contains("Default: paper.", help);
    }
}
