using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace AutoLR.Torch.Backbones.Inception;

/// <summary>
/// Inception-v3 (<see cref="InceptionV3Spec"/>) with its top <see cref="Backbone.PruningDepth"/> layers removed:
/// Mixed_7c goes first, then Mixed_7b, and so on. Modules sit at the top level under torchvision's names, so
/// <c>state_dict()</c> equals torchvision's <c>inception_v3(aux_logits=False)</c> with <c>fc = nn.Identity()</c>
/// (less the removed layers).
/// </summary>
public sealed class InceptionV3Backbone : Backbone
{
    private readonly List<nn.Module<Tensor, Tensor>> _layers = [];

    public InceptionV3Backbone(InceptionV3Spec spec, int pruningDepth = 0) : base(spec, pruningDepth)
    {
        var keep = KeptLayers.Count;
        AddConvolutionLayer(InceptionV3Spec.FirstConvolutions,
            [new InceptionConv(3, 32, 3, stride: 2), new InceptionConv(32, 32, 3), new InceptionConv(32, 64, 3, padding: 1)]);
        long channels = 64;

        if (_layers.Count < keep)
        {
            AddConvolutionLayer(InceptionV3Spec.SecondConvolutions, [new InceptionConv(64, 80, 1), new InceptionConv(80, 192, 3)]);
            channels = 192;
        }

        foreach (var (name, _) in InceptionV3Spec.MixedLayers)
        {
            if (_layers.Count == keep) break;
            MixedModule mixed = name switch
            {
                "Mixed_5b" => new InceptionA(channels, 32),
                "Mixed_5c" or "Mixed_5d" => new InceptionA(channels, 64),
                "Mixed_6a" => new InceptionB(channels),
                "Mixed_6b" => new InceptionC(channels, 128),
                "Mixed_6c" or "Mixed_6d" => new InceptionC(channels, 160),
                "Mixed_6e" => new InceptionC(channels, 192),
                "Mixed_7a" => new InceptionD(channels),
                _ => new InceptionE(channels),
            };
            register_module(name, mixed);
            _layers.Add(mixed);
            channels = mixed.OutputChannels;
        }
        EmbeddingWidth = channels;
        InitialiseLikeTorchvision();
    }

    public override long EmbeddingWidth { get; }

    public override IReadOnlyList<nn.Module<Tensor, Tensor>> Blocks => _layers;

    public override Tensor Features(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var layer in _layers) x = layer.forward(x);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Registers <paramref name="units"/> at the top level under <paramref name="names"/> (torchvision's layout) and
    /// adds the layer that runs them and then the 3×3 stride-2 max pool that ends each of the two convolution layers.
    /// </summary>
    private void AddConvolutionLayer(string[] names, InceptionConv[] units)
    {
        for (var i = 0; i < units.Length; i++) register_module(names[i], units[i]);
        _layers.Add(new ConvolutionLayer(units));
    }

    /// <summary>torchvision's initialisation: truncated normal (σ = 0.1, cut at ±2) convolutions, BatchNorm γ = 1, β = 0.</summary>
    private void InitialiseLikeTorchvision()
    {
        using var noGrad = no_grad();
        foreach (var module in modules())
        {
            if (module is Conv2d conv) nn.init.trunc_normal_(conv.weight!, std: 0.1, a: -2, b: 2);
            else if (module is BatchNorm2d bn)
            {
                nn.init.ones_(bn.weight!);
                nn.init.zeros_(bn.bias!);
            }
        }
    }

    /// <summary>
    /// A run of stem convolutions and the max pool after them, as one layer. It holds the units without
    /// registering them: the backbone registers them under torchvision's top-level names and owns them.
    /// </summary>
    private sealed class ConvolutionLayer(InceptionConv[] units) : nn.Module<Tensor, Tensor>(nameof(ConvolutionLayer))
    {
        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var x = input;
            foreach (var unit in units) x = unit.forward(x);
            return F.max_pool2d(x, 3, 2).MoveToOuterDisposeScope();
        }
    }
}
