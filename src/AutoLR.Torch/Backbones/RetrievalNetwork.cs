using TorchSharp;
using static TorchSharp.torch;

namespace AutoLR.Torch.Backbones;

/// <summary>
/// What fine-tuning trains: the embedding <see cref="Backbone"/> followed by a classification <see cref="Head"/>.
/// <c>forward</c> gives class logits; retrieval uses <c>Backbone.forward</c> (the pooled embedding, unnormalised).
/// </summary>
public sealed class RetrievalNetwork : nn.Module<Tensor, Tensor>
{
    private const string BackboneName = "backbone";
    private const string HeadName = "head";

    /// <param name="backbone">The (possibly pruned) backbone; the network owns it.</param>
    /// <param name="head">The head options; its input width follows the backbone's embedding width.</param>
    /// <param name="classCount">Training classes C.</param>
    public RetrievalNetwork(Backbone backbone, HeadOptions head, int classCount) : base(nameof(RetrievalNetwork))
    {
        Backbone = backbone;
        Head = head.Build(backbone.EmbeddingWidth, classCount);
        ClassCount = classCount;
        register_module(BackboneName, Backbone);
        register_module(HeadName, Head);
    }

    /// <summary>
    /// A randomly initialised network at pruning depth <paramref name="pruningDepth"/>, reproducible for a seed, on
    /// <paramref name="device"/> (from configuration, see <see cref="Devices.DeviceSetting"/>).
    /// </summary>
    public static RetrievalNetwork Create(BackboneArchitecture architecture, int pruningDepth, int classCount, HeadOptions head, long seed, Device device)
    {
        torch.random.manual_seed(seed);
        var network = new RetrievalNetwork(architecture.Build(pruningDepth), head, classCount);
        network.to(device);
        return network;
    }

    public Backbone Backbone { get; }

    public nn.Module<Tensor, Tensor> Head { get; }

    public int ClassCount { get; }

    /// <summary>The stem / block 1..K / head table. Rebuilt on each call, so it follows <c>to(device)</c>.</summary>
    public LayerPartition Partition => LayerPartition.Of(Backbone, Head, BackboneName + ".", HeadName + ".");

    public override Tensor forward(Tensor input)
    {
        using var embedding = Backbone.forward(input);
        return Head.forward(embedding);
    }
}
