using AutoLR.Integration.Host;
using AutoLR.Integration.Jobs;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Weights;
using Onnx;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AutoLR.Integration.Weights;

[Trait(Tier.Name, Tier.Full)]
[Collection(TorchGlobalStateCollection.Name)]
public class CntkResNet18ImportTests(CntkResNet18Fixture fixture, ITestOutputHelper output) : IClassFixture<CntkResNet18Fixture>
{
    private static CntkResNet18Files Files => CntkResNet18Files.Default;

    [Fact]
    public void SpecReadsTheMeanImageAndConventionFromThePreprocessingModel()
    {
        var spec = BackboneSpec.CntkResNet18;
        Assert.Equal(BlockKind.Basic, spec.Block);
        Assert.Equal([2, 2, 2, 3], spec.BlocksPerStage);
        Assert.Equal(DownsamplePadding.CntkSame, spec.Padding);
        Assert.Equal(ChannelOrder.Bgr, spec.Input.Order);
        Assert.Equal(255f, spec.Input.Scale);
        Assert.Equal([1f, 1f, 1f], spec.Input.Std);
        Assert.Equal((224, 224), spec.Input.MeanImageSize);
        Assert.Equal(3 * 224 * 224, spec.Input.MeanImage!.Length);
        // An ImageNet mean on 0–255 lies near 100–125 in every channel.
        Assert.All(spec.Input.Mean, m => Assert.InRange(m, 90f, 135f));
    }

    /// <summary>
    /// The imported module's pooled 512-d output against ONNX Runtime running ResNetPreprocess.onnx → ResNet18.onnx
    /// (whose output is the pooled [1, 512, 1, 1] feature: like is compared with like), on Fashion-MNIST items and
    /// synthetic images; the module is built a second time from the cache, and both must agree with ONNX Runtime.
    /// </summary>
    [Fact]
    public void ImportedResNet18MatchesOnnxRuntimeOnRealAndSyntheticImages()
    {
        Assert.Equal(CacheOutcome.Created, fixture.ColdOutcome);
        var (warm, warmOutcome, warmElapsed, report) = CntkResNet18Import.CreateBackbone(cache: fixture.Cache);
        using var _ = warm;
        Assert.Equal(CacheOutcome.Hit, warmOutcome);
        Assert.Empty(report.IgnoredRemovedBlocks);
        Assert.Empty(report.CountersKept);

        using var fashion = FashionMnistImages.Load(count: 5, size: 224);
        using var synthetic = SyntheticImages.Make(224);
        using var images = cat([fashion, synthetic]);
        using var ort = new OnnxRuntimeResNet18(Files);
        var expected = ort.PooledFeatures(images);

        foreach (var (name, backbone) in new[] { ("cold", fixture.ColdBackbone), ("warm", warm) })
        {
            backbone.eval();
            using var noGrad = no_grad();
            using var input = InputConventionForTests.Apply(BackboneSpec.CntkResNet18.Input, images);
            using var actual = backbone.forward(input);
            Assert.Equal([images.shape[0], 512L], actual.shape);
            var values = actual.data<float>().ToArray();
            var (maxDifference, scale) = (0f, 0f);
            for (var i = 0; i < images.shape[0]; i++)
                for (var c = 0; c < 512; c++)
                {
                    maxDifference = Math.Max(maxDifference, Math.Abs(values[i * 512 + c] - expected[i, c]));
                    scale = Math.Max(scale, Math.Abs(expected[i, c]));
                }
            output.WriteLine($"{name}: max |ours − ONNX Runtime| = {maxDifference:E3}, output scale max |y| = {scale:F4}, ratio {maxDifference / scale:E3} over {images.shape[0]} images");
            Assert.True(scale > 0.1f, "the features are all near zero: the comparison would say nothing");
            Assert.True(maxDifference <= 1e-4f * scale, $"{name}: max difference {maxDifference} exceeds 1e-4 × {scale}");
        }
        output.WriteLine($"import: cold {fixture.ColdElapsed.TotalSeconds:F2} s (ONNX → cache), warm {warmElapsed.TotalSeconds:F2} s (cache)");
    }

    [Fact]
    public void ConversionMapsEveryInitializerToATorchvisionName()
    {
        var stateDict = CntkResNet18Import.Convert(Files.Model);
        try
        {
            // 22 convolutions (stem, 9 × 2 in blocks, 3 projections), 22 BatchNorms of 5 entries each: 132.
            Assert.Equal(22 + 22 * 5, stateDict.Count);
            Assert.Equal([64L, 3, 7, 7], stateDict["conv1.weight"].shape);
            Assert.Equal([128L, 64, 1, 1], stateDict["layer2.0.downsample.0.weight"].shape);
            Assert.Equal([128L, 64, 3, 3], stateDict["layer2.0.conv1.weight"].shape);
            Assert.Equal([512L, 512, 3, 3], stateDict["layer4.2.conv2.weight"].shape);
            Assert.DoesNotContain("layer1.0.downsample.0.weight", stateDict.Keys);
        }
        finally { foreach (var t in stateDict.Values) t.Dispose(); }
    }

    [Fact]
    public void DamagedCacheEntryIsRebuiltAndGivesTheSameWeights()
    {
        var folder = Directory.CreateTempSubdirectory("autolr-weights-damaged-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(fixture.CacheFolder)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            var cache = new PretrainedWeightCache(folder);
            var entry = Directory.GetFiles(folder, "*.safetensors").Single();
            using (var stream = File.OpenWrite(entry))
            {
                stream.Seek(-100, SeekOrigin.End);
                stream.WriteByte(0x5a);
            }

            var rebuilt = CntkResNet18Import.Load(cache: cache);
            var again = CntkResNet18Import.Load(cache: cache);
            try
            {
                Assert.Equal(CacheOutcome.Rebuilt, rebuilt.Outcome);
                Assert.Contains("SHA-256", rebuilt.RebuildReason);
                Assert.Equal(CacheOutcome.Hit, again.Outcome);
                var reference = fixture.ColdBackbone.state_dict();
                TensorAssert.IdenticalEntries(again.StateDict, reference);
            }
            finally
            {
                foreach (var t in rebuilt.StateDict.Values.Concat(again.StateDict.Values)) t.Dispose();
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void ModelWithStrayInitializersFailsListingAllOfThem()
    {
        var error = ConvertEdited(model =>
        {
            foreach (var name in new[] { "StrayWeights", "StrayBias" })
            {
                var stray = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
                stray.Dims.Add(2);
                stray.FloatData.Add([1f, 2f]);
                model.Graph.Initializer.Add(stray);
            }
        });
        Assert.Contains("2 initializers have no place", error.Message);
        Assert.Contains("StrayWeights [2]", error.Message);
        Assert.Contains("StrayBias [2]", error.Message);
    }

    [Fact]
    public void ModelWithSymmetricallyPaddedPoolingFailsNamingTheLayer()
    {
        var error = ConvertEdited(model =>
        {
            var pads = model.Graph.Node.Single(n => n.OpType == "MaxPool").Attribute.Single(a => a.Name == "pads").Ints;
            pads.Clear();
            pads.Add([1L, 1, 1, 1]);
        });
        Assert.Contains("MaxPool 'Pooling255' has strides [2, 2], pads [1, 1, 1, 1]", error.Message);
        Assert.Contains("expected stride 2, pads [1, 1, 0, 0]", error.Message);
    }

    // The export's pads are CNTK's same-padding worked out for its fixed 224 × 224 input; claiming another input size
    // makes the pads the backbone computes differ (odd sizes pad both sides), and the check must see that.
    [Fact]
    public void ModelClaimingAnOddInputSizeFailsOnTheStemPads()
    {
        var error = ConvertEdited(model =>
        {
            var dims = model.Graph.Input.First(i => !model.Graph.Initializer.Any(t => t.Name == i.Name)).Type.TensorType.Shape.Dim;
            dims[2].DimValue = 225;
            dims[3].DimValue = 225;
        });
        Assert.Contains("has strides [2, 2], pads [3, 3, 2, 2]", error.Message);
        Assert.Contains("expected stride 2, pads [3, 3, 3, 3]", error.Message);
    }

    /// <summary>The error of converting a copy of ResNet18.onnx changed by <paramref name="edit"/>; it must name the copy.</summary>
    private static WeightImportException ConvertEdited(Action<ModelProto> edit)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Files.Model));
        edit(model);
        var path = Path.Combine(Path.GetTempPath(), $"autolr-edited-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var file = File.Create(path)) Google.Protobuf.MessageExtensions.WriteTo(model, file);
            var error = Assert.Throws<WeightImportException>(() => CntkResNet18Import.Convert(path));
            Assert.StartsWith(path, error.Message);
            return error;
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MissingModelFileNamesItAndTheFix()
    {
        var files = CntkResNet18Files.InFolder("/nonexistent/DnnImageModels");
        var error = Assert.Throws<WeightImportException>(() => CntkResNet18Import.Load(files, fixture.Cache));
        Assert.Contains(files.Model, error.Message);
        Assert.Contains("Microsoft.ML.DnnImageFeaturizer.ResNet18", error.Message);
    }
}

/// <summary>
/// An install whose ResNet-18 model files are missing (a partial copy, a build that left them out) fails in one line
/// that names the file and the fix, before any run directory exists: the settings' resolution reads the backbone's
/// geometry from those files, and a stack trace there would be all a user saw.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class MissingModelInstallTests
{
    [Fact]
    public async Task A_build_without_its_model_files_says_which_file_and_how_to_get_it()
    {
        // The test host's folder without the models: its own files copied (the .NET host takes the application's
        // folder from the real path of its assembly), everything else linked.
        var host = typeof(TestHostProgram).Assembly.Location;
        var build = Path.GetDirectoryName(host)!;
        var own = Path.GetFileNameWithoutExtension(host);
        var copy = HostRun.NewTemporaryFolder();
        foreach (var entry in Directory.GetFileSystemEntries(build).Where(e => Path.GetFileName(e) != "DnnImageModels"))
        {
            var target = Path.Combine(copy, Path.GetFileName(entry));
            if (Path.GetFileName(entry).StartsWith(own + ".", StringComparison.Ordinal)) File.Copy(entry, target);
            else File.CreateSymbolicLink(target, entry);
        }
        var output = HostRun.NewTemporaryFolder();
        var start = AutoLrChild.StartInfo(HostRun.NewTemporaryFolder(), ["finetune", "--epochs", "1", "--output", output]);
        start.ArgumentList[0] = Path.Combine(copy, Path.GetFileName(typeof(TestHostProgram).Assembly.Location));
        using var child = WatchedChild.Start(start);

        var exit = await child.WaitForExitAsync("report the missing model files");

        Assert.True(exit == 1, $"exit {exit}: {child.Error}");
        Assert.Contains(Path.Combine(copy, "DnnImageModels"), child.Error);
        Assert.Contains("Microsoft.ML.DnnImageFeaturizer.ResNet18", child.Error);
        AutoLrChild.AssertNoStackTrace(child.Error);
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }
}
