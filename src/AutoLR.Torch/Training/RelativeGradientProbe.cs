using AutoLR.Torch.Backbones;
using static TorchSharp.torch;

namespace AutoLR.Torch.Training;

/// <summary>
/// Auto-RGN's measurement (Lee et al., "Surgical Fine-Tuning Improves Adaptation to Distribution Shifts", ICLR 2023,
/// §4.2): the relative gradient norm RGN = ‖g‖ / ‖w‖ of the stem and of each block, over the block's weight tensors
/// (convolutions; BatchNorm parameters are left out, as the authors' code does), averaged over the first
/// <c>batches</c> batches of the epoch's order. The network is in training mode as in the authors' code, but nothing
/// it changes survives: weights, BatchNorm running statistics, momentum and both generators are restored after the
/// probe, so the epoch that follows trains exactly as it would have without it. The F# schedule turns the numbers
/// into LRs (<c>Schedule.RelativeGradientScaled</c>).
/// </summary>
public static class RelativeGradientProbe
{
    /// <returns>RGN of the stem (index 0) and of blocks 1..K.</returns>
    public static double[] Measure(EpochTrainer trainer, int epoch, int batches)
    {
        var partition = trainer.Network.Partition;
        LayerGroup[] layers = [partition.Stem, .. partition.Blocks];
        var sums = new double[layers.Length];
        var probed = Math.Min(batches, trainer.BatchesPerEpoch);
        using var before = TrainingSnapshot.Capture(trainer);
        try
        {
            trainer.Network.train();
            for (var b = 0; b < probed; b++)
            {
                using var scope = NewDisposeScope();
                trainer.Optimizer.Sgd.zero_grad();
                trainer.BatchLoss(epoch, b).backward();
                for (var l = 0; l < layers.Length; l++) sums[l] += RelativeNorm(layers[l]);
            }
        }
        finally
        {
            trainer.Optimizer.Sgd.zero_grad();
            before.RestoreInto(trainer);
        }
        return sums.Select(s => s / probed).ToArray();
    }

    private static double RelativeNorm(LayerGroup layer)
    {
        double gradient = 0, weight = 0;
        foreach (var (_, parameter) in layer.Parameters.Where(p => p.Parameter.dim() > 1))
        {
            if (parameter.grad is { } g) gradient += g.square().sum().item<float>();
            weight += parameter.detach().square().sum().item<float>();
        }
        return weight > 0 ? Math.Sqrt(gradient) / Math.Sqrt(weight) : 0;
    }
}
