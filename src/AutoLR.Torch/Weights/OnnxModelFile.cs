using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace AutoLR.Torch.Weights;

/// <summary>
/// One ONNX file parsed with OnnxSharp's generated protobuf types: the graph, its initializers by name and the
/// producer/consumer relations the importers walk. Knows nothing about ResNets.
/// </summary>
internal sealed class OnnxModelFile
{
    public string Path { get; }
    public GraphProto Graph { get; }
    public string Producer { get; }
    public IReadOnlyDictionary<string, TensorProto> Initializers { get; }

    private readonly Dictionary<string, NodeProto> producers = [];
    private readonly Dictionary<string, List<NodeProto>> consumers = [];

    private OnnxModelFile(string path, ModelProto model)
    {
        Path = path;
        Graph = model.Graph ?? throw new WeightImportException($"{path}: the ONNX model has no graph. The file is not an ONNX model or is damaged; restore it from its NuGet package.");
        Producer = $"{model.ProducerName} {model.ProducerVersion}".Trim();
        Initializers = Graph.Initializer.ToDictionary(t => t.Name);
        foreach (var node in Graph.Node)
        {
            foreach (var output in node.Output) producers[output] = node;
            foreach (var input in node.Input)
            {
                if (!consumers.TryGetValue(input, out var list)) consumers[input] = list = [];
                list.Add(node);
            }
        }
    }

    /// <summary>Throws the error that names the fix when <paramref name="path"/> does not exist.</summary>
    public static void RequireExists(string path)
    {
        if (!File.Exists(path))
            throw new WeightImportException($"{path}: ONNX model not found. Build the solution (it copies the models of NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 next to the assemblies) or pass the file's location explicitly.");
    }

    public static OnnxModelFile Read(string path)
    {
        RequireExists(path);
        try
        {
            using var stream = File.OpenRead(path);
            return new OnnxModelFile(path, ModelProto.Parser.ParseFrom(stream));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new WeightImportException($"{path}: not a readable ONNX model ({e.Message}). The file is damaged or not ONNX; restore it from its NuGet package.", e);
        }
    }

    /// <summary>The node whose output is <paramref name="tensorName"/>, or null for graph inputs and initializers.</summary>
    public NodeProto? ProducerOf(string tensorName) => producers.GetValueOrDefault(tensorName);

    public IReadOnlyList<NodeProto> ConsumersOf(string tensorName) => consumers.TryGetValue(tensorName, out var list) ? list : [];

    /// <summary>An initializer as a float32 tensor of its own shape (ONNX stores it in raw_data or float_data).</summary>
    public Tensor FloatInitializer(string name)
    {
        if (!Initializers.TryGetValue(name, out var proto))
            throw new WeightImportException($"{Path}: initializer '{name}' is referenced by the graph but not stored in the file; the model is damaged.");
        if (proto.DataType != (int)TensorProto.Types.DataType.Float)
            throw new WeightImportException($"{Path}: initializer '{name}' has ONNX data type {proto.DataType}, expected 1 (float32); this importer reads float32 models only.");
        var shape = proto.Dims.ToArray();
        var count = shape.Aggregate(1L, (a, b) => a * b);
        float[] values;
        if (!proto.RawData.IsEmpty)
        {
            if (proto.RawData.Length != count * sizeof(float))
                throw new WeightImportException($"{Path}: initializer '{name}' holds {proto.RawData.Length} bytes, its shape [{string.Join(", ", shape)}] needs {count * sizeof(float)}; the model is damaged.");
            // ONNX raw_data is little-endian, like every platform TorchSharp runs on.
            values = new float[count];
            proto.RawData.Span.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            if (proto.FloatData.Count != count)
                throw new WeightImportException($"{Path}: initializer '{name}' holds {proto.FloatData.Count} floats, its shape [{string.Join(", ", shape)}] needs {count}; the model is damaged.");
            values = [.. proto.FloatData];
        }
        return tensor(values, shape);
    }
}
