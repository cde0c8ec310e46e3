using System.Text.RegularExpressions;
using AutoLR.Torch.Backbones;

namespace AutoLR.Torch.Weights;

/// <summary>
/// torchvision's state_dict names for ResNets, the one naming every ResNet weight file and backbone here shares
/// (Inception-v3's are its module names, see <see cref="Backbones.Inception.InceptionV3Spec"/>):
/// stem <c>conv1</c>/<c>bn1</c>; block i of stage s (both from 0) <c>layer{s+1}.{i}.conv{k}</c>/<c>bn{k}</c>;
/// its projection shortcut <c>layer{s+1}.{i}.downsample.0</c> (conv) and <c>.1</c> (BatchNorm); classifier <c>fc</c>.
/// </summary>
public static partial class TorchvisionNames
{
    /// <summary>The four tensors of a BatchNorm2d with learned affine parameters, as torchvision stores them.</summary>
    public static readonly string[] BatchNormTensors = ["weight", "bias", "running_mean", "running_var"];

    /// <summary>BatchNorm's step counter: torchvision files carry it, it is no weight (only used when momentum is None).</summary>
    public const string BatchCounter = "num_batches_tracked";

    /// <summary>Prefix of residual block <paramref name="block"/> (0-based over the whole network), e.g. <c>layer2.0</c>.</summary>
    public static string BlockPrefix(BackboneSpec spec, int block)
    {
        if (block < 0 || block >= spec.BlockCount)
            throw new ArgumentOutOfRangeException(nameof(block), block, $"{spec.Name} has blocks 0..{spec.BlockCount - 1}.");
        // The backbone names its modules; asking it keeps one spelling of the names.
        return ResNetBackbone.AllBlockNames(spec).ElementAt(block);
    }

    /// <summary>(stage from 1, index in stage from 0) of a <c>layer{s}.{i}.</c> key.</summary>
    public static (int Stage, int Index)? ParseBlock(string key) =>
        BlockKey().Match(key) is { Success: true } m ? (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)) : null;

    /// <summary>
    /// What architecture a torchvision-named state dict holds, in words ("bottleneck blocks [3, 4, 6, 3]"), so an
    /// error about a wrong file can say what the file is rather than only what it is not.
    /// </summary>
    public static string DescribeArchitecture(IEnumerable<string> keys)
    {
        var blocks = keys.Select(k => (Key: k, Block: ParseBlock(k))).Where(x => x.Block is not null).ToList();
        var mixed = keys.Where(k => k.StartsWith("Mixed_", StringComparison.Ordinal)).Select(k => k.Split('.')[0]).Distinct().Order().ToList();
        if (blocks.Count == 0 && mixed.Count > 0) return $"Inception modules {string.Join(", ", mixed)} (an inception-v3 file)";
        if (blocks.Count == 0) return "no ResNet blocks (no layerN.M.* keys) and no Inception modules (no Mixed_* keys)";
        var perStage = blocks.GroupBy(x => x.Block!.Value.Stage).OrderBy(g => g.Key)
            .Select(g => g.Select(x => x.Block!.Value.Index).Distinct().Count());
        var kind = blocks.Any(x => x.Key.Contains(".conv3.")) ? "bottleneck" : "basic";
        return $"{kind} blocks [{string.Join(", ", perStage)}]";
    }

    [GeneratedRegex(@"^layer(\d+)\.(\d+)\.")]
    private static partial Regex BlockKey();
}
