using AutoLR.Torch.Data;

namespace AutoLR.Torch.Backbones.Inception;

/// <summary>
/// Inception-v3 as torchvision builds it (<c>inception_v3(aux_logits=False, transform_input=False)</c>, names
/// <c>Conv2d_1a_3x3.conv.weight</c>, <c>Mixed_6b.branch7x7dbl_3.bn.running_var</c>, ...), divided as the paper's
/// Table 3 divides it into 13 tuned layers:
/// <list type="number">
/// <item><c>Conv2d_1a-2b</c>, the paper's "Conv2d(3)": Conv2d_1a_3x3, Conv2d_2a_3x3, Conv2d_2b_3x3 and the max pool after them;</item>
/// <item><c>Conv2d_3b-4a</c>, the paper's "Conv2d(2)": Conv2d_3b_1x1, Conv2d_4a_3x3 and the max pool after them;</item>
/// <item>Mixed_5b, Mixed_5c, Mixed_5d, Mixed_6a, Mixed_6b, Mixed_6c, Mixed_6d, Mixed_6e, Mixed_7a, Mixed_7b, Mixed_7c, one layer each.</item>
/// </list>
/// The stem is empty: every module belongs to one of the 13 layers, as in the paper. Eq. 1 measures every
/// convolution weight of a layer (a mixed module has no shortcut, so all its branches are main path); BatchNorm is
/// excluded as for ResNets. The auxiliary classifier <c>AuxLogits</c> is not built: it only adds a training loss
/// in torchvision, and retrieval trains its own head; its keys in a weight file are skipped and reported, as
/// <c>fc</c>'s are.
/// </summary>
public sealed record InceptionV3Spec() : BackboneArchitecture("inception-v3", TensorFlowInception)
{
    /// <summary>
    /// torchvision's ImageNet Inception-v3 weights come from TensorFlow and expect RGB scaled to [−1, 1]; torchvision
    /// gets there with <c>transform_input=True</c> from ImageNet-normalised input. Built with
    /// <c>transform_input=False</c>, the network takes [−1, 1] directly: mean 0.5, std 0.5.
    /// </summary>
    public static InputConvention TensorFlowInception { get; } = new(ChannelOrder.Rgb, 1f, [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f]);

    /// <summary>The modules of the two convolution layers, input to output.</summary>
    public static readonly string[] FirstConvolutions = ["Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3"];
    public static readonly string[] SecondConvolutions = ["Conv2d_3b_1x1", "Conv2d_4a_3x3"];

    /// <summary>The eleven mixed modules with the torchvision type each is (which fixes its units).</summary>
    public static readonly (string Name, string[] Units)[] MixedLayers =
    [
        ("Mixed_5b", InceptionA.Units), ("Mixed_5c", InceptionA.Units), ("Mixed_5d", InceptionA.Units),
        ("Mixed_6a", InceptionB.Units),
        ("Mixed_6b", InceptionC.Units), ("Mixed_6c", InceptionC.Units), ("Mixed_6d", InceptionC.Units), ("Mixed_6e", InceptionC.Units),
        ("Mixed_7a", InceptionD.Units),
        ("Mixed_7b", InceptionE.Units), ("Mixed_7c", InceptionE.Units),
    ];

    public override LayerLayout Layout { get; } = new(
        new LayerDeclaration("stem", [], []),
        [
            Convolutions("Conv2d_1a-2b", FirstConvolutions),
            Convolutions("Conv2d_3b-4a", SecondConvolutions),
            .. MixedLayers.Select(m => new LayerDeclaration(m.Name, [m.Name], m.Units.Select(u => $"{m.Name}.{u}.{InceptionConv.MeasuredWeight}").ToArray())),
        ]);

    public override int InputSize => 299;

    /// <summary>At 75 px the last grid reduction (Mixed_7a) still leaves one cell; below it leaves none.</summary>
    public override int MinimumInputSize => 75;

    public override IReadOnlyList<string> Classifiers => ["fc", "AuxLogits"];

    public override string Describe() => "Inception-v3, 13 layers Conv2d_1a-2b, Conv2d_3b-4a, Mixed_5b ... Mixed_7c";

    public override Backbone Build(int pruningDepth = 0) => new InceptionV3Backbone(this, pruningDepth);

    /// <summary>The one Inception-v3; declared after the static tables its layout reads (static fields initialise in order).</summary>
    public static InceptionV3Spec Default { get; } = new();

    private static LayerDeclaration Convolutions(string name, string[] modules) =>
        new(name, modules, modules.Select(m => $"{m}.{InceptionConv.MeasuredWeight}").ToArray());
}
