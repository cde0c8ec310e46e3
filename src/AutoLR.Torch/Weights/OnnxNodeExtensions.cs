using Onnx;

namespace AutoLR.Torch.Weights;

/// <summary>Reading ONNX node attributes by name, with the defaults the ONNX operator specs give.</summary>
internal static class OnnxNodeExtensions
{
    public static long[] Ints(this NodeProto node, string name, long[] fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? [.. a.Ints] : fallback;

    public static long Int(this NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : fallback;

    public static float Float(this NodeProto node, string name, float fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.F : fallback;

    public static string Describe(this NodeProto node) => $"{node.OpType} '{(node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault())}'";
}
