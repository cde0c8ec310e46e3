using AutoLR.Torch.Backbones;
using static TorchSharp.torch;

namespace AutoLR.Torch.Weights;

/// <summary>
/// Networks whose backbone starts from pre-trained weights: what each depth of Algorithm 1 fine-tunes. It lives in
/// the weights layer, beside <see cref="BackboneWeights"/>, because building it means loading weights; the
/// backbones layer knows nothing of weight files.
/// </summary>
public static class PretrainedNetwork
{
    /// <summary>
    /// <see cref="RetrievalNetwork.Create"/> (same seed, same fresh head), then the backbone loaded from
    /// <paramref name="stateDict"/>, the weights of the whole (unpruned) architecture with torchvision names, by
    /// <see cref="BackboneWeights.Load"/>: the top <paramref name="pruningDepth"/> blocks' keys and the classifier
    /// are skipped, anything else that does not fit fails with one <see cref="WeightImportException"/> naming
    /// <paramref name="sourceName"/> (a file, a cache entry).
    /// </summary>
    public static RetrievalNetwork Create(BackboneArchitecture spec, int pruningDepth, IReadOnlyDictionary<string, Tensor> stateDict,
        string sourceName, int classCount, HeadOptions head, long seed, Device device)
    {
        var network = RetrievalNetwork.Create(spec, pruningDepth, classCount, head, seed, device);
        try
        {
            BackboneWeights.Load(network.Backbone, stateDict, sourceName);
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
