using System.Text.Json.Nodes;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Evaluation;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Metrics;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Sweeps;

namespace AutoLR.Integration.RunFormat;

/// <summary>
/// Each file's format version: results.json and sweep.json say theirs (1) in <c>schema</c>; metrics.jsonl lines,
/// evaluation.json and config.json never have, and read as version 1. Every reader refuses a newer version, naming the
/// file and both versions, rather than misread it.
/// </summary>
public sealed class FormatVersionTests
{
    private static readonly RunResults Finished = new("finetune", "fashion-mnist", "cntk-resnet18", 3, "autolr", 2, 9, 2.0, 0.4, 3,
        new Dictionary<int, double> { [1] = 0.61, [2] = 0.7 }, RecordedSettings.From(new JsonObject { ["Alpha"] = 2.0, ["Seed"] = 3 }));

    [Fact]
    public void Results_json_says_its_version_and_reads_back_every_field()
    {
        var results = Finished with
        {
            Summary = [new MethodRecall("pruning only", 2, new Dictionary<int, double> { [1] = 0.5 })],
            Pruning = [new DepthScore(0, new Dictionary<int, double> { [1] = 0.9 }, new Dictionary<int, double> { [1] = 0.4 })],
            Selection = "validation", StoppedBecause = "score dropped", SelectionSaturated = false, ChosenPoint = "base-lr=0.01",
        };
        var text = ResultsFile.Render(results);

        Assert.StartsWith("{\n  \"schema\": 1,\n  \"command\": \"finetune\",", text);
        var read = JsonFiles.ParseObject(text, "results.json", ResultsFile.Parse);
        Assert.Equal(text, ResultsFile.Render(read));
        Assert.Equal((3, 2.0, 0.4, "score dropped", false, "base-lr=0.01"), (read.Seed, read.Alpha, read.Beta, read.StoppedBecause, read.SelectionSaturated, read.ChosenPoint));
        Assert.Equal(0.4, read.Pruning.Single().TestRecallAtK![1]);
        Assert.Equal("Alpha=2", read.Configuration.Settings);
    }

    [Fact]
    public void Results_json_without_schema_is_version_1_and_a_newer_one_is_refused()
    {
        var document = JsonNode.Parse(ResultsFile.Render(Finished))!.AsObject();
        document.Remove("schema");
        Assert.Equal(0.61, JsonFiles.ParseObject(document.ToJsonString(), "results.json", ResultsFile.Parse).RecallAtK[1]);

        document["schema"] = 2;
        var error = Assert.Throws<RunFormatException>(() => JsonFiles.ParseObject(document.ToJsonString(), "/runs/a/results.json", ResultsFile.Parse));
        Assert.Equal("/runs/a/results.json: format version 2 ('schema') is newer than this build reads (up to 1); read it with the autolr that wrote it or a newer one.", error.Message);
    }

    [Fact]
    public void A_metrics_line_has_no_version_and_a_line_of_a_newer_one_is_refused()
    {
        var epoch = new EpochMetrics(2, 0.5, [0.01, 0.02], new Dictionary<int, double> { [1] = 0.6 }, 1.5, "tune");
        var line = MetricsFile.Line(epoch);
        Assert.Equal("{\"epoch\":2,\"loss\":0.5,\"lrs\":[0.01,0.02],\"recallAtK\":{\"1\":0.6},\"seconds\":1.5,\"phase\":\"tune\"}", line);
        Assert.Equal(line, MetricsFile.Line(JsonFiles.ParseObject(line, "metrics.jsonl", MetricsFile.Parse)));

        var newer = line.Replace("{\"epoch\"", "{\"schema\":2,\"epoch\"", StringComparison.Ordinal);
        Assert.Contains("format version 2", Assert.Throws<RunFormatException>(() => JsonFiles.ParseObject(newer, "metrics.jsonl", MetricsFile.Parse)).Message);
    }

    [Fact]
    public void Config_json_has_no_version_field_and_refuses_a_newer_one_in_its_run_section()
    {
        var identity = new RunIdentity("abc123", "finetune", new DateTimeOffset(2026, 12, 6, 8, 3, 17, TimeSpan.Zero), null, null);
        var text = RunConfigFile.Render(identity, new JsonObject { ["Epochs"] = 3, ["EvalFlip"] = true, ["BaseLr"] = 0.01, ["Dataset"] = "fashion-mnist" });

        var config = RunConfigFile.Parse(text, "config.json");
        Assert.Equal(identity, config.Identity);
        Assert.Equal(3, config.Integer("Epochs"));
        Assert.Equal(new Dictionary<string, string?> { ["AutoLR:Epochs"] = "3", ["AutoLR:EvalFlip"] = "true", ["AutoLR:BaseLr"] = "0.01", ["AutoLR:Dataset"] = "fashion-mnist" },
            config.SettingsAsText("config.json"));

        var newer = JsonNode.Parse(text)!;
        newer["Run"]!["Schema"] = 2;
        Assert.Contains("format version 2 (Run:Schema); this build reads up to 1",
            Assert.Throws<RunFormatException>(() => RunConfigFile.Parse(newer.ToJsonString(), "/runs/a/config.json")).Message);
        Assert.Equal("/runs/a/config.json lacks the Run section with a Command string or the AutoLR section; it was not written by autolr.",
            Assert.Throws<RunFormatException>(() => RunConfigFile.Parse("{\"AutoLR\": {}}", "/runs/a/config.json")).Message);
    }

    [Fact]
    public void Sweep_json_says_its_version_and_a_newer_one_is_refused()
    {
        var settings = new JsonObject { ["Alpha"] = 2.0 };
        SweepCellEntry[] cells = [new(0, "alpha=1", "alpha=1"), new(1, "alpha=2", "alpha=2")];
        var manifest = new SweepManifestDocument("alpha=1,2", SweepManifestFile.Hash("alpha=1,2", settings, cells.Select(c => (c.Index, c.Label))), cells, settings);
        var text = SweepManifestFile.Render(manifest);

        var read = JsonFiles.ParseObject(text, "sweep.json", SweepManifestFile.Parse);
        Assert.Equal(text, SweepManifestFile.Render(read));
        Assert.Contains("format version 3", Assert.Throws<RunFormatException>(() =>
            JsonFiles.ParseObject(text.Replace("\"schema\": 1", "\"schema\": 3", StringComparison.Ordinal), "sweep.json", SweepManifestFile.Parse)).Message);
    }

    [Fact]
    public void Evaluation_and_embeddings_json_read_back_what_they_wrote()
    {
        var evaluation = new EvaluationRecord("/runs/a", "/runs/a/weights.safetensors", 2, new Dictionary<int, double> { [1] = 0.5, [2] = 0.75 });
        var text = EvaluationFile.Render(evaluation);
        Assert.DoesNotContain("schema", text);
        Assert.Equal(text, EvaluationFile.Render(JsonFiles.ParseObject(text, "evaluation.json", EvaluationFile.Parse)));

        var embeddings = new EmbeddingsRecord("/runs/a", "/runs/a/weights.safetensors", 2, 512, true, 32, "fashion-mnist",
            [KeyValuePair.Create("test", new EmbeddingSplitFiles("test.embeddings.npy", "test.labels.npy", "test.sources.jsonl"))], new Dictionary<int, double>());
        var written = EmbeddingsFile.Render(embeddings);
        Assert.Equal(written, EmbeddingsFile.Render(JsonFiles.ParseObject(written, "embeddings.json", EmbeddingsFile.Parse)));
    }
}
