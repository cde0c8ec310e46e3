using System.IO.Compression;
using System.Text.Json;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Weights;
using static TorchSharp.torch;

namespace AutoLR.Integration.Weights;

[Collection(TorchGlobalStateCollection.Name)]
public class WeightFileTests(SavedWeightFilesFixture files) : IClassFixture<SavedWeightFilesFixture>
{
    private static BackboneSpec SpecNamed(string name) => name == "resnet18" ? BackboneSpec.ResNet18 : BackboneSpec.ResNet50;

    [Theory]
    [InlineData("resnet18", ".safetensors")]
    [InlineData("resnet18", ".pt")]
    [InlineData("resnet50", ".safetensors")]
    [InlineData("resnet50", ".pt")]
    public void SavedWeightsLoadBackIdentical(string architecture, string extension)
    {
        var spec = SpecNamed(architecture);
        using var loaded = new ResNetBackbone(spec);
        var report = BackboneWeights.LoadFile(loaded, files.PathOf(spec, extension));

        var expected = files.Saved[architecture].state_dict();
        var actual = loaded.state_dict();
        Assert.Equal(expected.Count, report.Loaded);
        Assert.Empty(report.IgnoredRemovedBlocks);
        Assert.Empty(report.IgnoredClassifier);
        Assert.Empty(report.CountersKept);
        TensorAssert.IdenticalEntries(expected, actual, " after the round trip");
    }

    [Fact]
    public void SafetensorsFileIsContiguousFloat32WithTorchvisionNames()
    {
        var path = files.PathOf(BackboneSpec.ResNet18, ".safetensors");
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        // safetensors: u64 little-endian header length, JSON header {name: {dtype, shape, data_offsets}}, raw data.
        var headerLength = (int)reader.ReadUInt64();
        using var header = JsonDocument.Parse(reader.ReadBytes(headerLength));
        var entries = header.RootElement.EnumerateObject().Where(e => e.Name != "__metadata__").ToList();
        Assert.Equal(files.Saved["resnet18"].state_dict().Keys.Order(), entries.Select(e => e.Name).Order());
        long end = 0;
        foreach (var entry in entries.OrderBy(e => e.Value.GetProperty("data_offsets")[0].GetInt64()))
        {
            var dtype = entry.Value.GetProperty("dtype").GetString();
            Assert.Equal(entry.Name.EndsWith("num_batches_tracked") ? "I64" : "F32", dtype);
            var elements = entry.Value.GetProperty("shape").EnumerateArray().Aggregate(1L, (a, d) => a * d.GetInt64());
            var offsets = entry.Value.GetProperty("data_offsets");
            Assert.Equal(end, offsets[0].GetInt64());
            Assert.Equal(elements * (dtype == "F32" ? 4 : 8), offsets[1].GetInt64() - offsets[0].GetInt64());
            end = offsets[1].GetInt64();
        }
        Assert.Equal(8 + headerLength + end, stream.Length);
    }

    [Fact]
    public void PtFileIsATorchSaveZipArchive()
    {
        using var archive = ZipFile.OpenRead(files.PathOf(BackboneSpec.ResNet18, ".pt"));
        Assert.Contains(archive.Entries, e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal));
        Assert.Contains(archive.Entries, e => e.FullName.Contains("/data/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(".safetensors")]
    [InlineData(".pt")]
    public void ResNet50WeightsIntoResNet18GiveOneErrorNamingFileAndArchitectures(string extension)
    {
        var path = files.PathOf(BackboneSpec.ResNet50, extension);
        using var backbone = new ResNetBackbone(BackboneSpec.ResNet18);
        var before = backbone.state_dict()["conv1.weight"].clone();
        var error = Assert.Throws<WeightImportException>(() => BackboneWeights.LoadFile(backbone, path));
        Assert.Contains(path, error.Message);
        Assert.Contains("does not fit resnet18 (basic blocks [2, 2, 2, 2])", error.Message);
        Assert.Contains("The file holds bottleneck blocks [3, 4, 6, 3]", error.Message);
        Assert.Contains("unexpected keys", error.Message);
        Assert.Contains("layer1.0.conv3.weight", error.Message);
        Assert.Contains("shape mismatches", error.Message);
        Assert.Contains("layer1.0.conv1.weight: file [64, 64, 1, 1], backbone [64, 64, 3, 3]", error.Message);
        // All or nothing: the failed load changed no weight.
        Assert.True(TensorAssert.Identical(before, backbone.state_dict()["conv1.weight"]));
    }

    [Fact]
    public void MissingUnexpectedAndMisshapenKeysComeInOneError()
    {
        using var backbone = new ResNetBackbone(BackboneSpec.ResNet18);
        var source = files.Saved["resnet18"].state_dict().ToDictionary();
        source.Remove("layer2.1.bn1.running_mean");
        source.Remove("conv1.weight");
        source["layer5.0.conv1.weight"] = zeros(3);
        source["layer3.0.conv2.weight"] = zeros(256, 256, 1, 1);
        var error = Assert.Throws<WeightImportException>(() => BackboneWeights.Load(backbone, source, "edited.safetensors"));
        Assert.StartsWith("edited.safetensors: does not fit resnet18", error.Message);
        Assert.Contains("2 missing keys (in the backbone, not in the file): conv1.weight, layer2.1.bn1.running_mean", error.Message);
        Assert.Contains("1 unexpected keys (in the file, not in the backbone): layer5.0.conv1.weight", error.Message);
        Assert.Contains("1 shape mismatches: layer3.0.conv2.weight: file [256, 256, 1, 1], backbone [256, 256, 3, 3]", error.Message);
    }

    [Fact]
    public void PrunedBackboneIgnoresTheRemovedBlocksAndTheClassifierExplicitly()
    {
        using var pruned = new ResNetBackbone(BackboneSpec.ResNet18, pruningDepth: 3);
        var source = files.Saved["resnet18"].state_dict().ToDictionary();
        using var fcWeight = zeros(1000, 512);
        using var fcBias = zeros(1000);
        source["fc.weight"] = fcWeight;
        source["fc.bias"] = fcBias;
        var report = BackboneWeights.Load(pruned, source, "torchvision-resnet18.pth");

        Assert.Equal(["fc.bias", "fc.weight"], report.IgnoredClassifier);
        Assert.Equal(["layer3.1", "layer4.0", "layer4.1"], report.IgnoredRemovedBlocks.Select(k => string.Join('.', k.Split('.').Take(2))).Distinct());
        // Every key of the removed blocks, buffers and counters included (layer4.0's projection too): 3 × 12 + 6.
        Assert.Equal(source.Keys.Where(k => k.StartsWith("layer3.1.") || k.StartsWith("layer4.")).Order(), report.IgnoredRemovedBlocks);
        Assert.Equal(3 * 12 + 6, report.IgnoredRemovedBlocks.Count);
        Assert.Equal(pruned.state_dict().Count, report.Loaded);
        TensorAssert.IdenticalEntries(pruned.state_dict(), source);

        // Skipping the removed blocks does not excuse a kept block's missing key.
        source.Remove("layer1.0.bn1.running_var");
        var error = Assert.Throws<WeightImportException>(() => BackboneWeights.Load(pruned, source, "torchvision-resnet18.pth"));
        Assert.Contains("1 missing keys (in the backbone, not in the file): layer1.0.bn1.running_var", error.Message);
        Assert.Contains("top 3 of 8 blocks removed", error.Message);
    }

    [Fact]
    public void FileWithoutBatchCountersLoadsAndKeepsTheBackbones()
    {
        using var backbone = new ResNetBackbone(BackboneSpec.ResNet18);
        var source = files.Saved["resnet18"].state_dict().Where(kv => !kv.Key.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToDictionary();
        var report = BackboneWeights.Load(backbone, source, "no-counters.safetensors");
        Assert.Equal(20, report.CountersKept.Count);
        Assert.Equal(0L, backbone.state_dict()["bn1.num_batches_tracked"].item<long>());
    }

    [Fact]
    public void UnreadableFilesNameThePathAndTheFix()
    {
        using var backbone = new ResNetBackbone(BackboneSpec.ResNet18);
        var missing = Path.Combine(files.Folder, "absent.safetensors");
        Assert.Contains($"{missing}: weight file not found", Assert.Throws<WeightImportException>(() => BackboneWeights.LoadFile(backbone, missing)).Message);

        var wrongExtension = Path.Combine(files.Folder, "weights.h5");
        File.WriteAllText(wrongExtension, "not weights");
        Assert.Contains("unknown weight file extension '.h5'", Assert.Throws<WeightImportException>(() => BackboneWeights.LoadFile(backbone, wrongExtension)).Message);

        var damaged = Path.Combine(files.Folder, "damaged.safetensors");
        File.WriteAllBytes(damaged, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var error = Assert.Throws<WeightImportException>(() => BackboneWeights.LoadFile(backbone, damaged));
        Assert.StartsWith($"{damaged}: not a valid safetensors file", error.Message);
    }
}
