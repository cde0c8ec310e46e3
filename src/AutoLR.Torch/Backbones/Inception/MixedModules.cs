using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace AutoLR.Torch.Backbones.Inception;

/// <summary>
/// One of Inception-v3's mixed modules: parallel branches of <see cref="InceptionConv"/> units concatenated along
/// the channels. Unit names are torchvision's (<c>branch1x1</c>, <c>branch7x7dbl_3</c>, ...), so weights map by name.
/// There is no shortcut: every branch is main path, so eq. 1 measures every unit's convolution weight.
/// </summary>
public abstract class MixedModule : nn.Module<Tensor, Tensor>
{
    private readonly Dictionary<string, InceptionConv> _units = [];

    protected MixedModule(string name) : base(name) { }

    /// <summary>Channels this module outputs.</summary>
    public abstract long OutputChannels { get; }

    /// <summary>Registers a unit under torchvision's name, in torchvision's order (which fixes state_dict order).</summary>
    protected void Unit(string name, InceptionConv unit)
    {
        _units[name] = unit;
        register_module(name, unit);
    }

    /// <summary>Runs the units named <paramref name="chain"/> one after another on <paramref name="input"/>.</summary>
    protected Tensor Branch(Tensor input, params string[] chain)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var name in chain) x = _units[name].forward(x);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>The pooled branch: 3×3 average (stride 1, zero padding counted, as torchvision) then one unit.</summary>
    protected Tensor PooledBranch(Tensor input, string unit)
    {
        using var pooled = F.avg_pool2d(input, 3, stride: 1, padding: 1);
        return _units[unit].forward(pooled);
    }

    /// <summary>The unpadded 3×3 max pool of stride 2 that the grid-reduction modules (B, D) run beside their convolutions.</summary>
    protected static Tensor ReductionPool(Tensor input) => F.max_pool2d(input, 3, 2);
}

/// <summary>Mixed_5b/5c/5d (torchvision's <c>InceptionA</c>): 1×1, 5×5, double 3×3 and pooled branches at 35×35.</summary>
public sealed class InceptionA : MixedModule
{
    public static readonly string[] Units =
        ["branch1x1", "branch5x5_1", "branch5x5_2", "branch3x3dbl_1", "branch3x3dbl_2", "branch3x3dbl_3", "branch_pool"];

    public InceptionA(long inputChannels, long poolChannels) : base(nameof(InceptionA))
    {
        Unit("branch1x1", new InceptionConv(inputChannels, 64, 1));
        Unit("branch5x5_1", new InceptionConv(inputChannels, 48, 1));
        Unit("branch5x5_2", new InceptionConv(48, 64, 5, padding: 2));
        Unit("branch3x3dbl_1", new InceptionConv(inputChannels, 64, 1));
        Unit("branch3x3dbl_2", new InceptionConv(64, 96, 3, padding: 1));
        Unit("branch3x3dbl_3", new InceptionConv(96, 96, 3, padding: 1));
        Unit("branch_pool", new InceptionConv(inputChannels, poolChannels, 1));
        OutputChannels = 64 + 64 + 96 + poolChannels;
    }

    public override long OutputChannels { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return cat([
            Branch(input, "branch1x1"),
            Branch(input, "branch5x5_1", "branch5x5_2"),
            Branch(input, "branch3x3dbl_1", "branch3x3dbl_2", "branch3x3dbl_3"),
            PooledBranch(input, "branch_pool"),
        ], 1).MoveToOuterDisposeScope();
    }
}

/// <summary>Mixed_6a (torchvision's <c>InceptionB</c>): grid reduction 35×35 → 17×17.</summary>
public sealed class InceptionB : MixedModule
{
    public static readonly string[] Units = ["branch3x3", "branch3x3dbl_1", "branch3x3dbl_2", "branch3x3dbl_3"];

    public InceptionB(long inputChannels) : base(nameof(InceptionB))
    {
        Unit("branch3x3", new InceptionConv(inputChannels, 384, 3, stride: 2));
        Unit("branch3x3dbl_1", new InceptionConv(inputChannels, 64, 1));
        Unit("branch3x3dbl_2", new InceptionConv(64, 96, 3, padding: 1));
        Unit("branch3x3dbl_3", new InceptionConv(96, 96, 3, stride: 2));
        OutputChannels = 384 + 96 + inputChannels;
    }

    public override long OutputChannels { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return cat([
            Branch(input, "branch3x3"),
            Branch(input, "branch3x3dbl_1", "branch3x3dbl_2", "branch3x3dbl_3"),
            ReductionPool(input),
        ], 1).MoveToOuterDisposeScope();
    }
}

/// <summary>Mixed_6b–6e (torchvision's <c>InceptionC</c>): factorised 7×7 branches (1×7 then 7×1) at 17×17.</summary>
public sealed class InceptionC : MixedModule
{
    public static readonly string[] Units =
    [
        "branch1x1", "branch7x7_1", "branch7x7_2", "branch7x7_3",
        "branch7x7dbl_1", "branch7x7dbl_2", "branch7x7dbl_3", "branch7x7dbl_4", "branch7x7dbl_5", "branch_pool",
    ];

    /// <param name="inputChannels">Channels in (768).</param>
    /// <param name="width">Channels inside the 7×7 branches (c7: 128 in Mixed_6b, 160 in 6c/6d, 192 in 6e).</param>
    public InceptionC(long inputChannels, long width) : base(nameof(InceptionC))
    {
        Unit("branch1x1", new InceptionConv(inputChannels, 192, 1));
        Unit("branch7x7_1", new InceptionConv(inputChannels, width, 1));
        Unit("branch7x7_2", new InceptionConv(width, width, (1, 7), padding: (0, 3)));
        Unit("branch7x7_3", new InceptionConv(width, 192, (7, 1), padding: (3, 0)));
        Unit("branch7x7dbl_1", new InceptionConv(inputChannels, width, 1));
        Unit("branch7x7dbl_2", new InceptionConv(width, width, (7, 1), padding: (3, 0)));
        Unit("branch7x7dbl_3", new InceptionConv(width, width, (1, 7), padding: (0, 3)));
        Unit("branch7x7dbl_4", new InceptionConv(width, width, (7, 1), padding: (3, 0)));
        Unit("branch7x7dbl_5", new InceptionConv(width, 192, (1, 7), padding: (0, 3)));
        Unit("branch_pool", new InceptionConv(inputChannels, 192, 1));
    }

    public override long OutputChannels => 4 * 192;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return cat([
            Branch(input, "branch1x1"),
            Branch(input, "branch7x7_1", "branch7x7_2", "branch7x7_3"),
            Branch(input, "branch7x7dbl_1", "branch7x7dbl_2", "branch7x7dbl_3", "branch7x7dbl_4", "branch7x7dbl_5"),
            PooledBranch(input, "branch_pool"),
        ], 1).MoveToOuterDisposeScope();
    }
}

/// <summary>Mixed_7a (torchvision's <c>InceptionD</c>): grid reduction 17×17 → 8×8.</summary>
public sealed class InceptionD : MixedModule
{
    public static readonly string[] Units =
        ["branch3x3_1", "branch3x3_2", "branch7x7x3_1", "branch7x7x3_2", "branch7x7x3_3", "branch7x7x3_4"];

    public InceptionD(long inputChannels) : base(nameof(InceptionD))
    {
        Unit("branch3x3_1", new InceptionConv(inputChannels, 192, 1));
        Unit("branch3x3_2", new InceptionConv(192, 320, 3, stride: 2));
        Unit("branch7x7x3_1", new InceptionConv(inputChannels, 192, 1));
        Unit("branch7x7x3_2", new InceptionConv(192, 192, (1, 7), padding: (0, 3)));
        Unit("branch7x7x3_3", new InceptionConv(192, 192, (7, 1), padding: (3, 0)));
        Unit("branch7x7x3_4", new InceptionConv(192, 192, 3, stride: 2));
        OutputChannels = 320 + 192 + inputChannels;
    }

    public override long OutputChannels { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return cat([
            Branch(input, "branch3x3_1", "branch3x3_2"),
            Branch(input, "branch7x7x3_1", "branch7x7x3_2", "branch7x7x3_3", "branch7x7x3_4"),
            ReductionPool(input),
        ], 1).MoveToOuterDisposeScope();
    }
}

/// <summary>Mixed_7b/7c (torchvision's <c>InceptionE</c>): branches that split into parallel 1×3 and 3×1 at 8×8.</summary>
public sealed class InceptionE : MixedModule
{
    public static readonly string[] Units =
    [
        "branch1x1", "branch3x3_1", "branch3x3_2a", "branch3x3_2b",
        "branch3x3dbl_1", "branch3x3dbl_2", "branch3x3dbl_3a", "branch3x3dbl_3b", "branch_pool",
    ];

    public InceptionE(long inputChannels) : base(nameof(InceptionE))
    {
        Unit("branch1x1", new InceptionConv(inputChannels, 320, 1));
        Unit("branch3x3_1", new InceptionConv(inputChannels, 384, 1));
        Unit("branch3x3_2a", new InceptionConv(384, 384, (1, 3), padding: (0, 1)));
        Unit("branch3x3_2b", new InceptionConv(384, 384, (3, 1), padding: (1, 0)));
        Unit("branch3x3dbl_1", new InceptionConv(inputChannels, 448, 1));
        Unit("branch3x3dbl_2", new InceptionConv(448, 384, 3, padding: 1));
        Unit("branch3x3dbl_3a", new InceptionConv(384, 384, (1, 3), padding: (0, 1)));
        Unit("branch3x3dbl_3b", new InceptionConv(384, 384, (3, 1), padding: (1, 0)));
        Unit("branch_pool", new InceptionConv(inputChannels, 192, 1));
    }

    public override long OutputChannels => 320 + 2 * 384 + 2 * 384 + 192;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var split3x3 = Branch(input, "branch3x3_1");
        using var split3x3dbl = Branch(input, "branch3x3dbl_1", "branch3x3dbl_2");
        return cat([
            Branch(input, "branch1x1"),
            Branch(split3x3, "branch3x3_2a"),
            Branch(split3x3, "branch3x3_2b"),
            Branch(split3x3dbl, "branch3x3dbl_3a"),
            Branch(split3x3dbl, "branch3x3dbl_3b"),
            PooledBranch(input, "branch_pool"),
        ], 1).MoveToOuterDisposeScope();
    }
}
