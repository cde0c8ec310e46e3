using AutoLR.Algorithms;

namespace AutoLR.Host.Experiments;

/// <summary>
/// The baselines of `finetune --schedule` as LR functions of (epoch, iteration, layer, K) (conventions of
/// <see cref="Schedule"/>), with the hyper-parameters fixed here because no setting names them. Every schedule keeps
/// the authors' layer convention of single LR — stem 0.5 ×, head 10 × the block LR — so that the baselines differ from
/// single LR only in what their papers change: time (step, cyclic, SGDR) or depth (layer decay, discriminative).
/// </summary>
public static class BaselineSchedules
{
    private const double StemFactor = 0.5;
    private const double HeadFactor = 10.0;

    /// <param name="schedule">single, step, cyclic, sgdr, layer-decay or discriminative.</param>
    /// <param name="lr">The base LR (--base-lr).</param>
    /// <param name="epochs">Epochs of the fine-tune, which sets the step and restart lengths.</param>
    /// <param name="itersPerEpoch">Batches per epoch, for the per-iteration schedules.</param>
    public static Func<int, int, int, int, double> For(string schedule, double lr, int epochs, int itersPerEpoch) => schedule switch
    {
        "single" => Uniform(Schedule.NewConstantLr(lr)),
        // StepLR with gamma 0.1 at a third and two thirds of the run (at least every epoch).
        "step" => Uniform(Schedule.NewStepDecay(lr, Math.Max(1, epochs / 3), 0.1)),
        // Triangular CyclicLR from lr/10 up to lr in one epoch and back down in the next.
        "cyclic" => Uniform(Schedule.NewCyclicTriangular(lr / 10, lr, Math.Max(1, itersPerEpoch), itersPerEpoch)),
        // SGDR restarting after 1, 2, 4, ... epochs, annealing to 0.
        "sgdr" => Uniform(Schedule.NewWarmRestarts(lr, 1, 2, 0.0, itersPerEpoch)),
        // timm's layer_decay 0.75: block k gets lr · 0.75^(K−k); the head keeps 10 × lr.
        "layer-decay" => Layered(Schedule.NewLayerDecay(lr, 0.75), lr),
        // fastai's slice(lr/10, lr) across the blocks; the head keeps 10 × lr.
        "discriminative" => Layered(Schedule.NewDiscriminative(lr / 10, lr), lr),
        _ => throw new JobFailure($"Schedule '{schedule}' has no baseline; use single, step, cyclic, sgdr, layer-decay or discriminative (or autolr)."),
    };

    /// <summary>One LR for every block at a time; stem and head follow it by the single-LR factors.</summary>
    private static Func<int, int, int, int, double> Uniform(Schedule schedule) => (epoch, iteration, layer, k) =>
    {
        var blockLr = Schedules.learningRate(schedule, epoch, iteration, layer, k);
        return layer == 0 ? StemFactor * blockLr : layer > k ? HeadFactor * blockLr : blockLr;
    };

    /// <summary>Per-block LRs from the schedule (its stem rule included); the head at 10 × the base LR.</summary>
    private static Func<int, int, int, int, double> Layered(Schedule schedule, double lr) => (epoch, iteration, layer, k) =>
        layer > k ? HeadFactor * lr : Schedules.learningRate(schedule, epoch, iteration, layer, k);
}
