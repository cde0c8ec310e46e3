using System.Globalization;
using AutoLR.Algorithms;
using AutoLR.Commands;
using AutoLR.Settings;

namespace AutoLR.Integration.Host;

/// <summary>`--help` on every command lists every switch it accepts, with its key and environment variable.</summary>
public class HelpTests
{
    public static TheoryData<string> Commands => [.. CommandCatalog.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_lists_every_switch(string command)
    {
        var result = await HostRun.RunAsync([command, "--help"]);
        Assert.Equal(0, result.ExitCode);
        var spec = CommandCatalog.Get(command);
        foreach (var setting in spec.Settings)
        {
            Assert.Contains(setting.Switch + " ", result.Out);
            Assert.Contains(setting.EnvironmentVariable, result.Out);
        }
        Assert.Contains(spec.StoredRun == StoredRunUse.Resumable ? "--resume" : "--from", result.Out);
        if (spec.TakesGrid) Assert.Contains("--grid", result.Out);
    }

    /// <summary>The baselines' hyper-parameters come from the F# schedule catalogue, each with its range and default.</summary>
    [Fact]
    public async Task Help_gives_each_schedule_parameter_its_range_and_default()
    {
        var result = await HostRun.RunAsync(["finetune", "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.NotEmpty(ScheduleParameters.all);
        foreach (var parameter in ScheduleParameters.all)
        {
            var key = Assert.Single(SettingRegistry.All, s => s.Name == parameter.Name);
            var line = Assert.Single(result.Out.Split('\n'), l => l.TrimStart().StartsWith(key.Switch + " ", StringComparison.Ordinal));
            Assert.Contains(ScheduleParameterModule.rangeText(parameter), line, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"Default: {parameter.Get.Invoke(BaselineParametersModule.defaults).ToString(CultureInfo.InvariantCulture)}.", line);
        }
        foreach (var schedule in ScheduleCatalog.names) Assert.Contains(schedule, result.Out);
    }

    [Fact]
    public async Task Root_help_lists_every_command()
    {
        var result = await HostRun.RunAsync(["--help"]);
        Assert.Equal(0, result.ExitCode);
        foreach (var command in CommandCatalog.All) Assert.Contains(command.Name, result.Out);
    }
}
