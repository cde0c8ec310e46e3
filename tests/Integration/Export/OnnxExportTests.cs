using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data.Preprocessing;
using AutoLR.Torch.Export;
using AutoLR.Torch.Export.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace AutoLR.Integration.Export;

/// <summary>
/// ONNX Runtime runs what <see cref="OnnxEmbeddingModel"/> writes and gives AutoLR's embeddings (TorchSharp forward,
/// evaluation protocol) within 1e-4 relative, for basic and bottleneck blocks, several pruning depths, with and
/// without the flip sum, at an even and an odd image size.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(TorchGlobalStateCollection.Name)]
public class OnnxExportTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 1e-4;

    public static TheoryData<string, int, int, bool> Cases => new()
    {
        { "cntk-resnet18", 0, 32, false },
        { "cntk-resnet18", 1, 33, true },
        { "cntk-resnet18", 3, 32, true },
        { "cntk-resnet18", 6, 32, false },
        { "resnet50", 4, 32, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnnxRuntime_reproduces_the_embeddings(string backboneName, int depth, int size, bool flipSum)
    {
        var spec = backboneName == "resnet50" ? BackboneSpec.ResNet50 : BackboneSpec.CntkResNet18;
        using var backbone = ExportedBackbones.Drawn(spec, depth, seed: 40 + depth);
        using var rgb01 = ExportedBackbones.Rgb01(3, size, seed: depth);
        var expected = ExportedBackbones.Embed(backbone, rgb01, flipSum);

        var path = Path.Combine(Directory.CreateTempSubdirectory("autolr-onnx-").FullName, OnnxEmbeddingModel.FileName);
        var description = ModelDescription.Of(backbone, TorchvisionExport.WeightsFile, size, flipSum, TorchvisionExport.MeanImageFile);
        OnnxEmbeddingModel.Write(backbone, description, path);

        using var input = new InputNormaliser(spec.Input, size).Apply(rgb01).contiguous();
        using var session = new InferenceSession(path, new SessionOptions { IntraOpNumThreads = 1 });
        Assert.Equal(description.ToJson(), session.ModelMetadata.CustomMetadataMap[OnnxEmbeddingModel.DescriptionKey]);
        var tensor = new DenseTensor<float>(input.data<float>().ToArray(), [3, 3, size, size]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxEmbeddingModel.InputName, tensor)]);
        var actual = results.Single().AsTensor<float>().ToArray();

        Assert.Equal(expected.Values.Length, actual.Length);
        var worst = 0.0;
        for (var row = 0; row < expected.Count; row++)
        {
            double difference = 0, norm = 0;
            for (var c = 0; c < expected.Dimension; c++)
            {
                var e = expected.Values[row * expected.Dimension + c];
                difference += Math.Pow(actual[row * expected.Dimension + c] - e, 2);
                norm += (double)e * e;
            }
            worst = Math.Max(worst, Math.Sqrt(difference / norm));
        }
        output.WriteLine($"{backboneName} depth {depth} at {size} px, flip sum {flipSum}: d = {expected.Dimension}, worst relative difference {worst:E2}");
        Assert.True(worst <= RelativeTolerance, $"ONNX Runtime differs from TorchSharp by {worst:E2} relative (allowed {RelativeTolerance:E0}).");
        File.Delete(path);
    }
}
