using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using static TorchSharp.torch;

namespace AutoLR.Torch.Training;

/// <summary>Eq. 1 measured on tensors: per block, Σ (W_end − W_start)² over its main-path conv weights and n_k.</summary>
public static class BlockVariation
{
    /// <summary>
    /// The change of each block since <paramref name="start"/> (blocks 1..K). Each tensor's Σ (W − W₀)² is one fused
    /// pass (ATen's cascade sum in float32, relative error ~1e-7, so ordering of v is unaffected); tensors add in float64.
    /// </summary>
    public static BlockChange[] Changes(LayerPartition partition, TrainingSnapshot start)
    {
        using var noGrad = no_grad();
        return partition.Blocks.Select(block =>
        {
            var squared = 0.0;
            foreach (var (name, weight) in block.VariationWeights)
            {
                using var sum = nn.functional.mse_loss(weight, start.Network[name], nn.Reduction.Sum);
                squared += sum.item<float>();
            }
            return new BlockChange(squared, block.VariationWeightCount);
        }).ToArray();
    }

    /// <summary>
    /// v_k of eq. 1: the reductions above are the Torch side's; the normalisation (/ n_k or / sqrt n_k) is the F#
    /// <see cref="WeightVariation.weightVariations"/>, the one definition.
    /// </summary>
    public static double[] Variations(IEnumerable<BlockChange> changes, Normalisation normalisation) =>
        WeightVariation.weightVariations(normalisation, changes.ToArray());
}
