using AutoLR.Integration.Host;
using AutoLR.Integration.Jobs;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Trace;

namespace AutoLR.Integration.Torchvision;

/// <summary>
/// `autolr run --backbone B --weights FILE` end to end on tiny Fashion-MNIST, FILE being weights torchvision made and
/// saved (classifiers included, as users' files are): the user's path for backbones that ship no weights.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public sealed class TorchvisionWeightsRunTests(TorchvisionReference reference) : IClassFixture<TorchvisionReference>
{
    [Theory]
    [InlineData("resnet50", 32, 16)]
    [InlineData("inception-v3", 75, 13)]
    public async Task Run_fine_tunes_a_torchvision_backbone_from_a_user_weights_file(string backbone, int imageSize, int layers)
    {
        var output = HostRun.NewTemporaryFolder();
        var result = await AutoLrChild.RunAsync(HostRun.NewTemporaryFolder(),
            ["run", "--backbone", backbone, "--weights", reference.WeightsFile(backbone), "--image-size", imageSize.ToString(),
             "--images-per-class", "8", "--batch-size", "8", "--threads", "1", "--epochs", "1", "--max-pruning-depth", "1", "--output", output]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{backbone} (K = {layers})", File.ReadAllText(Path.Combine(AutoLrChild.RunFolder(output), "report.md")));

        var run = AutoLrChild.RunFolder(output);
        var depth = ResultsFile.Read(Path.Combine(run, "results.json")).PruningDepth;
        var firstTrial = TraceFile.Read(Path.Combine(run, "trace.jsonl"))[0];
        Assert.Equal(layers - depth, firstTrial.Layers.Length);
        Assert.Equal(layers - depth, firstTrial.Variations.Length);

        // export: the PyTorch loader and the ONNX graph are written for ResNets; other architectures get the state dict.
        var exportOutput = HostRun.NewTemporaryFolder();
        var export = await AutoLrChild.RunAsync(HostRun.NewTemporaryFolder(), ["export", "--from", run, "--output", exportOutput]);
        Assert.True(export.ExitCode == 0, export.ToString());
        var exported = AutoLrChild.RunFolder(exportOutput);
        Assert.True(File.Exists(Path.Combine(exported, "backbone.safetensors")));
        Assert.Equal(backbone.StartsWith("resnet", StringComparison.Ordinal), File.Exists(Path.Combine(exported, "model.onnx")));
    }

    [Fact]
    public async Task An_image_size_below_the_backbones_minimum_fails_with_a_message()
    {
        var result = await AutoLrChild.RunAsync(HostRun.NewTemporaryFolder(),
            ["finetune", "--schedule", "single", "--backbone", "inception-v3", "--weights", reference.WeightsFile("inception-v3"),
             .. AutoLrChild.Tiny, "--epochs", "1", "--output", HostRun.NewTemporaryFolder()]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--image-size 32 is too small for inception-v3", result.Out + result.Error);
        AutoLrChild.AssertNoStackTrace(result.Out + result.Error);
    }
}
