using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace AutoLR.Torch.Export.Onnx;

/// <summary>
/// Builds one ONNX graph with OnnxSharp's generated protobuf types: nodes in order, float32 and int64 initializers,
/// fresh names for intermediate values. Knows nothing of ResNets; <see cref="OnnxEmbeddingModel"/> does.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph;
    private int _next;

    public OnnxGraphBuilder(string name) => _graph = new GraphProto { Name = name };

    public GraphProto Graph => _graph;

    /// <summary>Adds a node of <paramref name="opType"/>; returns the name of its one output.</summary>
    public string Node(string opType, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        NamedNode($"{opType.ToLowerInvariant()}_{_next++}", opType, inputs, attributes);

    /// <summary>Adds a node whose one output is named <paramref name="output"/> (a graph output); returns that name.</summary>
    public string NamedNode(string output, string opType, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>A float32 initializer holding a copy of <paramref name="tensor"/> (any device), named <paramref name="name"/>.</summary>
    public string Weight(string name, Tensor tensor)
    {
        using var cpu = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(cpu.shape);
        // ONNX raw data is little-endian, as is every platform TorchSharp runs on.
        proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()));
        _graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>An int64 initializer (shapes, axes, slice bounds), named <paramref name="name"/>.</summary>
    public string Int64s(string name, params long[] values)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        _graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>A float32 graph input or output of rank 2 or 4 whose dimensions are named (symbolic) or fixed.</summary>
    public static ValueInfoProto Value(string name, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
            shape.Dim.Add(dim is string symbol ? new TensorShapeProto.Types.Dimension { DimParam = symbol } : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim) });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };
}
