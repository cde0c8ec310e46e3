using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace AutoLR.Torch.Backbones;

/// <summary>
/// A ResNet from a <see cref="BackboneSpec"/> with its top <see cref="Backbone.PruningDepth"/> blocks removed
/// (Algorithm 1). <c>state_dict()</c> keys are torchvision's (<c>conv1.weight</c>,
/// <c>layer2.0.downsample.1.running_mean</c>); there is no classifier (<c>fc</c>).
/// </summary>
public sealed class ResNetBackbone : Backbone
{
    private static readonly long[] StageWidths = [64, 128, 256, 512];

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly WindowPadding stemPadding, poolPadding;
    private readonly List<ResidualBlock> _blocks = [];

    /// <param name="spec">Architecture.</param>
    /// <param name="pruningDepth">Top blocks to remove, 0 ≤ p &lt; K.</param>
    public ResNetBackbone(BackboneSpec spec, int pruningDepth = 0) : base(spec, pruningDepth)
    {
        Spec = spec;

        stemPadding = WindowPadding.For(spec.Padding, 7, 2);
        poolPadding = WindowPadding.For(spec.Padding, 3, 2);
        conv1 = nn.Conv2d(3, 64, 7, stride: 2, padding: stemPadding.Built, bias: false);
        bn1 = nn.BatchNorm2d(64);
        register_module("conv1", conv1);
        register_module("bn1", bn1);

        var keep = spec.BlockCount - pruningDepth;
        long channels = 64;
        for (var stage = 0; stage < spec.BlocksPerStage.Length && _blocks.Count < keep; stage++)
        {
            var stageBlocks = new List<(string, nn.Module<Tensor, Tensor>)>();
            for (var i = 0; i < spec.BlocksPerStage[stage] && _blocks.Count < keep; i++)
            {
                var stride = stage > 0 && i == 0 ? 2 : 1;
                ResidualBlock block = spec.Block == BlockKind.Basic
                    ? new BasicBlock(channels, StageWidths[stage], stride, spec.Padding, spec.Projection)
                    : new BottleneckBlock(channels, StageWidths[stage], stride, spec.Padding, spec.Projection);
                channels = block.OutputChannels;
                stageBlocks.Add((i.ToString(), block));
                _blocks.Add(block);
            }
            register_module(StageName(stage), nn.Sequential(stageBlocks.ToArray()));
        }
        EmbeddingWidth = channels;
        InitialiseLikeTorchvision();
    }

    public BackboneSpec Spec { get; }

    public override long EmbeddingWidth { get; }

    public override IReadOnlyList<nn.Module<Tensor, Tensor>> Blocks => _blocks;

    /// <summary>Output channels of each stage's first block, whose projection is strided from the second stage on.</summary>
    internal static long StageOutputChannels(BackboneSpec spec, int stage) =>
        StageWidths[stage] * (spec.Block == BlockKind.Basic ? 1 : BottleneckBlock.Expansion);

    /// <summary>Stages an unpruned <paramref name="spec"/> has.</summary>
    internal static int StageCount(BackboneSpec spec) => Math.Min(spec.BlocksPerStage.Length, StageWidths.Length);

    /// <summary>Every block name of the unpruned architecture, in forward order.</summary>
    public static IEnumerable<string> AllBlockNames(BackboneSpec spec) =>
        spec.BlocksPerStage.SelectMany((count, stage) => Enumerable.Range(0, count).Select(i => BlockName(stage, i)));

    /// <summary>torchvision's name of stage <paramref name="stage"/> (from 0): <c>layer1</c> ... <c>layer4</c>.</summary>
    private static string StageName(int stage) => $"layer{stage + 1}";

    /// <summary>torchvision's name of block <paramref name="index"/> (from 0) of a stage, e.g. <c>layer2.0</c>.</summary>
    private static string BlockName(int stage, int index) => $"{StageName(stage)}.{index}";

    public override Tensor Features(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = F.relu(bn1.forward(conv1.forward(stemPadding.Apply(input))));
        // −∞ so that explicit padding never wins the max, as the pool's own padding never does.
        x = F.max_pool2d(poolPadding.Apply(x, double.NegativeInfinity), 3, 2, poolPadding.Built);
        foreach (var block in _blocks) x = block.forward(x);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>torchvision's initialisation: Kaiming-normal (fan-out, ReLU) convolutions, BatchNorm γ = 1, β = 0.</summary>
    private void InitialiseLikeTorchvision()
    {
        using var noGrad = no_grad();
        foreach (var module in modules())
        {
            if (module is Conv2d conv) nn.init.kaiming_normal_(conv.weight!, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
            else if (module is BatchNorm2d bn)
            {
                nn.init.ones_(bn.weight!);
                nn.init.zeros_(bn.bias!);
            }
        }
    }
}
