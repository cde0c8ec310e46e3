using Onnx;

namespace AutoLR.Torch.Weights;

/// <summary>A convolution and the BatchNormalization that follows it: one torchvision conv/bn pair.</summary>
internal sealed record ConvBatchNorm(NodeProto Conv, NodeProto BatchNorm);

/// <summary>One residual block: its main path in data-flow order, and its projection shortcut if it has one.</summary>
internal sealed record ResidualBlockNodes(IReadOnlyList<ConvBatchNorm> MainPath, ConvBatchNorm? Shortcut);

/// <summary>
/// The ResNet inside a CNTK ONNX export, found by following the data flow rather than node order or names:
/// <list type="bullet">
/// <item>Stem: graph input → Conv → BatchNormalization → Relu → MaxPool.</item>
/// <item>Each residual block ends in an Add followed by a Relu; taking the Adds in graph order (ONNX stores nodes
/// topologically sorted) gives the blocks from input to output. From each Add, both operands are traced back
/// through BatchNormalization ← Conv (← Relu ← BatchNormalization ← Conv ...) to the block's input: the longer
/// chain is the main path, a one-conv chain is the projection shortcut, an operand that is the block input itself
/// is the identity shortcut.</item>
/// <item>Global pooling: AveragePool (or GlobalAveragePool) on the last block's output, the graph output.</item>
/// </list>
/// Node order alone would be wrong: CNTK emits a block's shortcut conv before its main path (e.g. Convolution295
/// before Convolution285 in stage 2). Any node the walk does not account for (a bias Add, a Mul standing for a
/// BatchNorm, a classifier) is an error naming it, so a differently exported model fails loudly instead of loading
/// wrong weights.
/// </summary>
internal sealed class CntkResNetGraph
{
    public ConvBatchNorm Stem { get; }
    public NodeProto StemPool { get; }
    public IReadOnlyList<ResidualBlockNodes> Blocks { get; }
    public NodeProto GlobalPool { get; }
    public string InputName { get; }

    private readonly OnnxModelFile model;
    private readonly HashSet<NodeProto> visited = [];

    public CntkResNetGraph(OnnxModelFile model)
    {
        this.model = model;
        var inputs = model.Graph.Input.Select(i => i.Name).Where(n => !model.Initializers.ContainsKey(n)).ToList();
        if (inputs.Count != 1) Fail($"the graph has {inputs.Count} image inputs ({string.Join(", ", inputs)}), expected one");
        InputName = inputs[0];

        var stemConv = SingleConsumer(InputName, "Conv");
        var stemBn = SingleConsumer(stemConv.Output[0], "BatchNormalization");
        var stemRelu = SingleConsumer(stemBn.Output[0], "Relu");
        StemPool = SingleConsumer(stemRelu.Output[0], "MaxPool");
        Stem = new ConvBatchNorm(stemConv, stemBn);
        Visit(stemConv, stemBn, stemRelu, StemPool);

        var blocks = new List<ResidualBlockNodes>();
        var blockInput = StemPool.Output[0];
        foreach (var add in model.Graph.Node.Where(n => n.OpType == "Add"))
        {
            if (add.Input.Count != 2) Fail($"{add.Describe()} has {add.Input.Count} operands; a residual sum has two");
            var chains = add.Input.Select(operand => TraceBack(operand, blockInput, add)).OrderByDescending(c => c.Count).ToList();
            var (main, shortcut) = (chains[0], chains[1]);
            if (main.Count < 2) Fail($"{add.Describe()}: the longer operand has {main.Count} conv layers; a residual main path has two (basic) or three (bottleneck)");
            if (shortcut.Count > 1) Fail($"{add.Describe()}: the shortcut has {shortcut.Count} conv layers; a projection shortcut has one");
            var relu = SingleConsumer(add.Output[0], "Relu");
            Visit(add, relu);
            blocks.Add(new ResidualBlockNodes(main, shortcut.Count == 1 ? shortcut[0] : null));
            blockInput = relu.Output[0];
        }
        Blocks = blocks;

        GlobalPool = model.ConsumersOf(blockInput) switch
        {
            [{ OpType: "AveragePool" or "GlobalAveragePool" } pool] => pool,
            var found => throw Error($"the last block's output feeds {Describe(found)}, expected one AveragePool (the global pooling)"),
        };
        Visit(GlobalPool);
        if (!model.Graph.Output.Any(o => o.Name == GlobalPool.Output[0]))
            Fail($"the global pooling's output '{GlobalPool.Output[0]}' is not a graph output ({string.Join(", ", model.Graph.Output.Select(o => o.Name))})");

        var unaccounted = model.Graph.Node.Where(n => !visited.Contains(n)).Select(n => n.Describe()).ToList();
        if (unaccounted.Count > 0)
            Fail($"{unaccounted.Count} nodes are not part of the stem, a residual block or the global pooling: {string.Join(", ", unaccounted)}");
    }

    /// <summary>
    /// The conv/bn pairs between <paramref name="blockInput"/> and <paramref name="operand"/>, in data-flow order.
    /// Inside a main path the pairs are joined by a Relu; anything else on the way is not a ResNet block.
    /// </summary>
    private List<ConvBatchNorm> TraceBack(string operand, string blockInput, NodeProto add)
    {
        var chain = new List<ConvBatchNorm>();
        var tensor = operand;
        while (tensor != blockInput)
        {
            var bn = Expect(model.ProducerOf(tensor), "BatchNormalization", $"operand '{operand}' of {add.Describe()}");
            var conv = Expect(model.ProducerOf(bn.Input[0]), "Conv", $"the input of {bn.Describe()}");
            if (conv.Input.Count > 2) Fail($"{conv.Describe()} carries a bias; the CNTK ResNet-18 has bias-free convolutions followed by BatchNorm, so this is a different export");
            chain.Insert(0, new ConvBatchNorm(conv, bn));
            Visit(bn, conv);
            tensor = conv.Input[0];
            if (tensor == blockInput) break;
            var relu = Expect(model.ProducerOf(tensor), "Relu", $"the input of {conv.Describe()}");
            Visit(relu);
            tensor = relu.Input[0];
        }
        return chain;
    }

    private NodeProto SingleConsumer(string tensor, string opType) => model.ConsumersOf(tensor) switch
    {
        [var only] when only.OpType == opType => only,
        var found => throw Error($"'{tensor}' feeds {Describe(found)}, expected one {opType}"),
    };

    private NodeProto Expect(NodeProto? node, string opType, string what) =>
        node?.OpType == opType ? node : throw Error($"{what} comes from {(node is null ? "no node (a graph input or initializer)" : node.Describe())}, expected {opType}");

    private void Visit(params NodeProto[] nodes) => visited.UnionWith(nodes);

    private static string Describe(IReadOnlyList<NodeProto> nodes) =>
        nodes.Count == 0 ? "nothing" : string.Join(", ", nodes.Select(n => n.Describe()));

    private WeightImportException Error(string problem) =>
        new($"{model.Path}: not the expected CNTK ResNet graph: {problem}. The importer reads the ResNet-18 of NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1; restore that file.");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string problem) => throw Error(problem);
}
