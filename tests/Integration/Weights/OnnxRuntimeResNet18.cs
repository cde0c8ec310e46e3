using AutoLR.Torch.Weights;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AutoLR.Integration.Weights;

/// <summary>
/// The original model run by ONNX Runtime the way ML.NET's DnnImageFeaturizer composes it: ResNetPreprocess.onnx
/// (RGB planes on 0–255 → BGR minus the mean image) feeding ResNet18.onnx, whose output is the 7×7 average-pooled
/// [1, 512, 1, 1] feature. Both models take batch 1.
/// </summary>
internal sealed class OnnxRuntimeResNet18 : IDisposable
{
    private readonly InferenceSession preprocess, network;

    public OnnxRuntimeResNet18(CntkResNet18Files files)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        preprocess = new InferenceSession(files.Preprocess, options);
        network = new InferenceSession(files.Model, options);
    }

    /// <summary>[N, 512] pooled features of [N, 3, 224, 224] RGB images in [0, 1].</summary>
    public float[,] PooledFeatures(TorchSharp.torch.Tensor rgb01)
    {
        var count = (int)rgb01.shape[0];
        var features = new float[count, 512];
        for (var i = 0; i < count; i++)
        {
            using var image = rgb01[i].mul(255f).contiguous();
            var planes = new DenseTensor<float>(image.data<float>().ToArray(), [1, 3, 224, 224]);
            using var prepared = preprocess.Run([NamedOnnxValue.CreateFromTensor(preprocess.InputMetadata.Keys.Single(), planes)]);
            var bgrMinusMean = prepared.Single().AsTensor<float>().ToDenseTensor();
            using var output = network.Run([NamedOnnxValue.CreateFromTensor(network.InputMetadata.Keys.Single(), bgrMinusMean)]);
            var values = output.Single().AsEnumerable<float>().ToArray();
            if (values.Length != 512) throw new InvalidOperationException($"ResNet18.onnx gave {values.Length} values, expected 512 pooled features.");
            for (var c = 0; c < 512; c++) features[i, c] = values[c];
        }
        return features;
    }

    public void Dispose()
    {
        preprocess.Dispose();
        network.Dispose();
    }
}
