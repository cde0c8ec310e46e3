using System.Text.Json.Nodes;
using AutoLR.Integration.Host;
using AutoLR.Torch.Weights;
using static TorchSharp.torch;

namespace AutoLR.Integration.Jobs;

/// <summary>
/// --init random: the same network trained from torchvision's random initialisation (the from-scratch control that
/// says whether pre-training matters at a given image size). The stem starts at Kaiming's spread, not at the
/// ImageNet weights'; the same seed gives the same weights; config.json records the choice.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class InitJobTests
{
    private readonly string _cache = HostRun.NewTemporaryFolder();

    [Fact]
    public async Task Random_init_starts_the_stem_at_kaimings_spread_reproducibly_and_is_recorded()
    {
        var randomA = await FineTune("random");
        var randomB = await FineTune("random");
        var pretrained = await FineTune("pretrained");

        // kaiming_normal_(fan_out, ReLU) on the 7×7 stem with 64 outputs: sd = √(2 / (64·7·7)) ≈ 0.0253. One epoch at
        // a base LR of 1e-5 moves no weight by more than a few 1e-5.
        var expected = Math.Sqrt(2.0 / (64 * 7 * 7));
        Assert.InRange(StemSd(randomA), expected * 0.9, expected * 1.1);
        Assert.False(Math.Abs(StemSd(pretrained) - expected) < expected * 0.1, $"pretrained stem sd {StemSd(pretrained)} looks random");
        Assert.Equal(AutoLrChild.Sha256(Path.Combine(randomA, "weights.safetensors")), AutoLrChild.Sha256(Path.Combine(randomB, "weights.safetensors")));
        Assert.NotEqual(AutoLrChild.Sha256(Path.Combine(randomA, "weights.safetensors")), AutoLrChild.Sha256(Path.Combine(pretrained, "weights.safetensors")));
        Assert.Equal("random", Recorded(randomA));
        Assert.Equal("pretrained", Recorded(pretrained));
    }

    [Fact]
    public async Task An_unknown_init_is_refused_naming_the_choices()
    {
        var output = HostRun.NewTemporaryFolder();
        var refused = await AutoLrChild.RunAsync(_cache, ["finetune", "--init", "scratch", .. AutoLrChild.Tiny, "--output", output]);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("scratch", refused.Error);
        Assert.Contains("pretrained", refused.Error);
        Assert.Contains("random", refused.Error);
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    private async Task<string> FineTune(string init)
    {
        var output = HostRun.NewTemporaryFolder();
        var run = await AutoLrChild.RunAsync(_cache,
            ["finetune", "--schedule", "single", "--init", init, .. AutoLrChild.Tiny, "--epochs", "1", "--base-lr", "1e-5", "--pruning-depth", "8", "--seed", "3", "--output", output]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return AutoLrChild.RunFolder(output);
    }

    private static double StemSd(string run)
    {
        var weights = StateDictFile.Read(Path.Combine(run, "weights.safetensors"));
        try
        {
            var stem = weights.Single(p => p.Key.EndsWith("conv1.weight", StringComparison.Ordinal) && !p.Key.Contains("layer", StringComparison.Ordinal));
            Assert.Equal([64L, 3, 7, 7], stem.Value.shape);
            return stem.Value.std().item<float>();
        }
        finally
        {
            foreach (var tensor in weights.Values) tensor.Dispose();
        }
    }

    private static string? Recorded(string run) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!["AutoLR"]![BackboneSettings.Init.Name]?.GetValue<string>();
}
