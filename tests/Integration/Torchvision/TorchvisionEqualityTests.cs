using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Training;
using AutoLR.Torch.Weights;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AutoLR.Integration.Torchvision;

/// <summary>
/// Our backbones against torchvision's, on weights torchvision made (seeded random, BatchNorm statistics too) and
/// saved as safetensors: the same pooled features, the same pruned features, the same state after one per-layer SGD
/// step, and our saved weights loading into torchvision with strict=True. Relative differences are
/// max |ours − torchvision| / max |torchvision| per tensor; each test prints its measured maximum.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(TorchGlobalStateCollection.Name)]
public sealed class TorchvisionEqualityTests(TorchvisionReference reference, ITestOutputHelper output) : IClassFixture<TorchvisionReference>
{
    /// <summary>The brief's bound for features computed from the same weights on the same input.</summary>
    private const double FeatureTolerance = 1e-4;

    /// <summary>
    /// Bound on the one-step update of all parameters together, relative to its norm: gradients pass through a whole
    /// network's backward pass in float32, summed in another order by another libtorch (measured: ResNets ~1e-5,
    /// Inception-v3 ~1e-3, whose bias gradients sum 36 cancelling terms at 3×3 cells).
    /// </summary>
    private const double UpdateTolerance = 1e-2;

    /// <summary>
    /// Bound on any one tensor's update, relative to its size: below the 20 % a neighbouring group's LR makes, above
    /// the cancellation in a bias gradient (measured 5 % in Inception-v3's Mixed_6d.branch7x7dbl_5.bn.bias).
    /// </summary>
    private const double GroupingTolerance = 0.1;

    private static BackboneArchitecture Architecture(string name) => PretrainedBackbones.Find(name).Spec();

    [Theory]
    [InlineData("resnet18")]
    [InlineData("resnet50")]
    [InlineData("inception-v3")]
    public void PooledFeaturesMatchTorchvision(string arch)
    {
        using var scope = NewDisposeScope();
        var expected = reference.Outputs(arch);
        using var backbone = Architecture(arch).Build();
        var load = BackboneWeights.LoadFile(backbone, reference.WeightsFile(arch));
        Assert.NotEmpty(load.IgnoredClassifier);
        backbone.eval();
        using var noGrad = no_grad();
        var error = RelativeError(backbone.forward(expected["input"]), expected["pooled"]);
        output.WriteLine($"{arch}: pooled features, max relative difference {error:E2} (ignored {string.Join(", ", load.IgnoredClassifier.Select(k => k.Split('.')[0]).Distinct())})");
        Assert.True(error < FeatureTolerance, $"{arch}: pooled features differ from torchvision's by {error:E2} relative");
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("resnet50")]
    [InlineData("inception-v3")]
    public void PrunedFeaturesMatchTheTruncatedTorchvisionNetwork(string arch)
    {
        using var scope = NewDisposeScope();
        var expected = reference.Outputs(arch);
        var depth = (int)expected["pruning_depth"][0].item<long>();
        using var backbone = Architecture(arch).Build(depth);
        var load = BackboneWeights.LoadFile(backbone, reference.WeightsFile(arch));
        Assert.NotEmpty(load.IgnoredRemovedBlocks);
        backbone.eval();
        using var noGrad = no_grad();
        var error = RelativeError(backbone.forward(expected["input"]), expected["pruned_pooled"]);
        output.WriteLine($"{arch}: pruned by {depth} (last layer {backbone.BlockNames[^1]}), max relative difference {error:E2}");
        Assert.True(error < FeatureTolerance, $"{arch} pruned by {depth}: features differ from torchvision's by {error:E2} relative");
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("resnet50")]
    [InlineData("inception-v3")]
    public void OneLayerwiseSgdStepMatchesTorchvision(string arch)
    {
        using var scope = NewDisposeScope();
        var expected = reference.Outputs(arch);
        var initial = StateDictFile.Read(reference.WeightsFile(arch));
        var classes = (int)expected["head.weight"].shape[0];
        var network = new RetrievalNetwork(Architecture(arch).Build(), new HeadOptions.Plain(), classes);
        using var _ = network;
        BackboneWeights.Load(network.Backbone, initial, reference.WeightsFile(arch));
        using (no_grad())
            foreach (var (key, tensor) in network.Head.state_dict()) tensor.copy_(expected["head." + key]);

        // The LRs the script gives: stem 0.02, layer k (from 1) 0.01·1.25^(k−1), head 0.5 — 25 % apart, so a
        // parameter in the wrong group moves 20–25 % too far or too short (caught by GroupingTolerance), and large,
        // so the update stands well above float32 rounding of the weights. Momentum 0.9, Nesterov, weight decay 5e-4 are TrainingOptions' defaults. BatchNorm runs on
        // its running statistics (eval), as in the script: batch statistics over 4 tiny images normalise 4–16 values
        // per channel in the top layers and amplify float32 rounding into percent-level gradient differences
        // (measured 5 % of the update in Inception-v3 at 75 px), which would test the conditioning, not the SGD.
        var partition = network.Partition;
        using var optimizer = new LayerwiseOptimizer(partition, new TrainingOptions());
        optimizer.SetLearningRates(new TrialLearningRates(0.02, Enumerable.Range(0, partition.BlockCount).Select(k => 0.01 * Math.Pow(1.25, k)).ToArray(), 0.5));
        network.eval();
        optimizer.Sgd.zero_grad();
        var loss = nn.functional.cross_entropy(network.forward(expected["input"]), expected["labels"]);
        loss.backward();
        optimizer.Sgd.step();

        var lossError = Math.Abs(loss.item<float>() - expected["loss"][0].item<float>()) / Math.Abs(expected["loss"][0].item<float>());
        var (worstTensor, worstKey, worstWeight, differenceSquares, updateSquares) = (0.0, "", 0.0, 0.0, 0.0);
        var stepped = network.Backbone.state_dict().Select(kv => ("stepped." + kv.Key, kv.Value, initial[kv.Key]))
            .Concat(network.Head.state_dict().Select(kv => ("stepped.head." + kv.Key, kv.Value, expected["head." + kv.Key])));
        foreach (var (key, ours, before) in stepped)
        {
            var theirs = expected[key];
            if (ours.dtype == ScalarType.Int64)
            {
                Assert.True(ours.eq(theirs).all().item<bool>(), $"{key}: {ours.item<long>()} here, {theirs.item<long>()} in torchvision");
                continue;
            }
            var (ourUpdate, theirUpdate) = (ours.to(ScalarType.Float64) - before.to(ScalarType.Float64), theirs.to(ScalarType.Float64) - before.to(ScalarType.Float64));
            differenceSquares += (ourUpdate - theirUpdate).square().sum().item<double>();
            updateSquares += theirUpdate.square().sum().item<double>();
            var tensorError = RelativeError(ourUpdate, theirUpdate);
            if (tensorError > worstTensor) (worstTensor, worstKey) = (tensorError, key);
            worstWeight = Math.Max(worstWeight, RelativeError(ours, theirs));
        }
        var updateError = Math.Sqrt(differenceSquares / updateSquares);
        output.WriteLine($"{arch}: loss {lossError:E2}; after one step: weights {worstWeight:E2} (worst tensor), update ‖Δ here − Δ torchvision‖/‖Δ torchvision‖ {updateError:E2} over all parameters, {worstTensor:E2} in the worst tensor ({worstKey})");
        Assert.True(lossError < FeatureTolerance, $"{arch}: loss differs by {lossError:E2} relative");
        Assert.True(worstTensor < GroupingTolerance, $"{arch}: the SGD update of {worstKey} differs from torchvision's by {worstTensor:E2} of its size: is it in the wrong layer group?");
        Assert.True(updateError < UpdateTolerance, $"{arch}: the SGD update differs from torchvision's by {updateError:E2} of its norm");
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("resnet50")]
    [InlineData("inception-v3")]
    public void SavedWeightsLoadIntoTorchvisionStrictly(string arch)
    {
        using var scope = NewDisposeScope();
        var expected = reference.Outputs(arch);
        using var backbone = Architecture(arch).Build();
        BackboneWeights.LoadFile(backbone, reference.WeightsFile(arch));
        var saved = Path.Combine(reference.For(arch), "ours.safetensors");
        BackboneWeights.Save(backbone, saved);
        var error = RelativeError(reference.StrictlyLoadedFeatures(arch, saved), expected["pooled"]);
        output.WriteLine($"{arch}: our saved weights in torchvision (strict=True), max relative difference {error:E2}");
        Assert.True(error < FeatureTolerance, $"{arch}: torchvision with our saved weights differs by {error:E2} relative");
    }

    [Fact]
    public void A_file_of_another_architecture_fails_naming_what_it_holds()
    {
        using var resnet = Architecture("resnet18").Build();
        var intoResNet = Assert.Throws<WeightImportException>(() => BackboneWeights.LoadFile(resnet, reference.WeightsFile("inception-v3")));
        Assert.Contains("Inception modules", intoResNet.Message);
        Assert.Contains("nothing was loaded", intoResNet.Message);
        using var inception = Architecture("inception-v3").Build();
        var intoInception = Assert.Throws<WeightImportException>(() => BackboneWeights.LoadFile(inception, reference.WeightsFile("resnet18")));
        Assert.Contains("basic blocks [2, 2, 2, 2]", intoInception.Message);
    }

    /// <summary>max |actual − expected| / max |expected| (0 when both are zero).</summary>
    private static double RelativeError(Tensor actual, Tensor expected)
    {
        using var scope = NewDisposeScope();
        var scale = expected.to(ScalarType.Float64).abs().max().item<double>();
        var difference = (actual.to(ScalarType.Float64) - expected.to(ScalarType.Float64)).abs().max().item<double>();
        return scale == 0 ? difference : difference / scale;
    }
}
