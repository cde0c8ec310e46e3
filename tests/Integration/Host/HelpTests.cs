using AutoLR.Host.Commands;

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

    [Fact]
    public async Task Root_help_lists_every_command()
    {
        var result = await HostRun.RunAsync(["--help"]);
        Assert.Equal(0, result.ExitCode);
        foreach (var command in CommandCatalog.All) Assert.Contains(command.Name, result.Out);
    }
}
