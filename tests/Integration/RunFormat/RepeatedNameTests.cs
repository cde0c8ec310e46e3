using System.Text.Json;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Json;

namespace AutoLR.Integration.RunFormat;

/// <summary>
/// A name given twice in one object is refused by every run-directory reader, naming the file and the name: readers
/// disagree about which of the two values counts, and config.json's reader threw an ArgumentException on it (found by
/// fuzzing) instead of saying what is wrong.
/// </summary>
public sealed class RepeatedNameTests
{
    private const string ConfigWithRepeatedCreated = """
        {
          "Run": { "Id": "40", "Command": "finetune", "CreatedUtc": "2026-12-06T08:03:06+00:00", "CreatedUtc": "2026-12-06T08:03:07+00:00" },
          "AutoLR": { "Epochs": 3 }
        }
        """;

    [Fact]
    public void Config_json_naming_one_setting_twice_is_refused_naming_it()
    {
        var error = Assert.Throws<RunFormatException>(() => RunConfigFile.Parse(ConfigWithRepeatedCreated, "/runs/a/config.json"));
        Assert.Equal("/runs/a/config.json names 'CreatedUtc' twice in one object; restore it from the run's original or start a new run.", error.Message);
    }

    [Fact]
    public void A_repeated_name_deep_inside_any_json_file_is_refused_naming_it()
    {
        var error = Assert.Throws<RunFormatException>(() =>
            JsonFiles.ParseObject("""{"a": [1, {"b": {"c": 1, "c": 2}}]}""", "/runs/a/results.json", (root, _) => root.Clone()));
        Assert.Contains("/runs/a/results.json", error.Message);
        Assert.Contains("it names 'c' twice in one object.", error.Message);
    }

    [Fact]
    public void The_same_name_in_different_objects_is_not_a_repetition()
    {
        var root = JsonFiles.ParseObject("""{"a": {"c": 1}, "b": {"c": 2}, "c": [{"c": 3}, {"c": 4}]}""", "results.json", (root, _) => root.Clone());
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Null(JsonFiles.RepeatedName(root));
    }
}
