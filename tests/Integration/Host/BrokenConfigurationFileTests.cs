using System.Text.Json.Nodes;
using AutoLR.Experiments;
using AutoLR.Runs.Checkpoints;

namespace AutoLR.Integration.Host;

/// <summary>
/// A configuration file that is not what autolr expects — appsettings.json that is not JSON, a config.json whose
/// values have the wrong JSON type — stops the command with exit code 2 and one message naming the file (and the key),
/// never an unhandled exception; a resumed run does not read appsettings.json at all.
/// </summary>
public class BrokenConfigurationFileTests
{
    private static readonly JobCatalog MustNotRun = new JobCatalog().Register("finetune", _ => throw new InvalidOperationException("must not run"));

    [Theory]
    [InlineData("""{ "AutoLR": { "Alpha": 2.0, } """)]
    [InlineData("""{ "AutoLR": { "Alpha": 2 """)]
    [InlineData("not json at all")]
    public async Task Malformed_appsettings_exits_2_naming_the_file_and_the_json_error(string text)
    {
        var result = await HostRun.RunAsync(["finetune"], MustNotRun, appSettingsJson: text);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Error}");
        Assert.Matches(@"configuration error: \S*appsettings\.json is not valid JSON: ", result.Error);
        Assert.Contains("LineNumber", result.Error);
        Jobs.AutoLrChild.AssertNoStackTrace(result.Error);
        Assert.Empty(result.RunFolders);
    }

    [Fact]
    public async Task Oversized_appsettings_exits_2_naming_the_file_and_the_limit_before_reading_it()
    {
        var huge = $$"""{ "AutoLR": { "Alpha": 2.0 }, "Padding": "{{new string('x', 2 << 20)}}" }""";
        var result = await HostRun.RunAsync(["finetune"], MustNotRun, appSettingsJson: huge);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Error}");
        Assert.Matches(@"configuration error: \S*appsettings\.json cannot be used: it is [0-9,]+ bytes, more than the 1,048,576 allowed", result.Error);
        Assert.Empty(result.RunFolders);
    }

    [Fact]
    public async Task Resume_ignores_a_malformed_appsettings()
    {
        var run = await StoppedRun();
        var result = await HostRun.RunAsync(["finetune", "--resume", run], new JobCatalog().Register("finetune", _ => JobResult.Completed()),
            appSettingsJson: "{ broken");
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Error}");
    }

    [Theory]
    [InlineData("array value", "Alpha", "[1, 2]", "AutoLR:Alpha holds a JSON array")]
    [InlineData("object value", "Epochs", """{"value": 3}""", "AutoLR:Epochs holds a JSON object")]
    public async Task Config_json_value_of_the_wrong_type_exits_2_naming_the_key(string why, string key, string json, string expected)
    {
        var run = await StoppedRun();
        var config = Path.Combine(run, "config.json");
        var document = JsonNode.Parse(File.ReadAllText(config))!;
        document["AutoLR"]![key] = JsonNode.Parse(json);
        File.WriteAllText(config, document.ToJsonString());
        var result = await HostRun.RunAsync(["finetune", "--resume", run], MustNotRun);
        Assert.True(result.ExitCode == 2, $"{why}: exit {result.ExitCode}\n{result.Error}");
        Assert.Contains($"{config}: {expected}", result.Error);
        Jobs.AutoLrChild.AssertNoStackTrace(result.Error);
    }

    [Theory]
    [InlineData("root an array", """[1, 2]""")]
    [InlineData("root a string", "\"finetune\"")]
    [InlineData("command a number", """{ "Run": { "Command": 3 }, "AutoLR": {} }""")]
    [InlineData("run an array", """{ "Run": [], "AutoLR": {} }""")]
    [InlineData("section a number", """{ "Run": { "Command": "finetune" }, "AutoLR": 5 }""")]
    public async Task Config_json_of_the_wrong_shape_exits_2_naming_the_file(string why, string text)
    {
        var run = await StoppedRun();
        var config = Path.Combine(run, "config.json");
        File.WriteAllText(config, text);
        var result = await HostRun.RunAsync(["finetune", "--resume", run], MustNotRun);
        Assert.True(result.ExitCode == 2, $"{why}: exit {result.ExitCode}\n{result.Error}");
        Assert.Contains($"{config} lacks the Run section with a Command string or the AutoLR section", result.Error);
        Jobs.AutoLrChild.AssertNoStackTrace(result.Error);
    }

    private static async Task<string> StoppedRun()
    {
        var catalog = new JobCatalog().Register("finetune", context =>
        {
            context.Run.Checkpoints.Save("epoch-1", new Checkpoint().SetJson(CheckpointEntries.Position, new LoopPosition("finetune", 1, 1, 0)));
            return JobResult.Stopped;
        });
        var result = await HostRun.RunAsync(["finetune"], catalog);
        Assert.Equal(0, result.ExitCode);
        return Assert.Single(result.RunFolders);
    }
}
