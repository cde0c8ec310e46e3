using AutoLR.Algorithms;
using AutoLR.Integration.Data;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.FineTuning;
using AutoLR.Torch.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoLR.Integration.Engine;

/// <summary>
/// LARS and L-DoG on the engine: what the F# properties cannot see — that the norms are measured on the right
/// parameters at the right moment (after the backward pass, before the step), and that the step the optimizer then
/// takes is the paper's. Each test records the weights and gradients each step saw and recomputes the steps in float64.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(TorchGlobalStateCollection.Name)]
public class PerStepBaselineTests
{
    private static BaselineSchedule Named(string name) => ScheduleCatalog.baselines.First(b => b.Name == name);

    /// <summary>Weights and gradients of one layer's parameters at one step, in float64.</summary>
    private sealed record LayerAtStep(Tensor[] Weights, Tensor[] Gradients);

    /// <summary>
    /// Wraps the schedule's measurement so that each of the first <paramref name="steps"/> steps also records, for the
    /// stem and each block, its parameters chosen by <paramref name="measured"/> and their gradients.
    /// </summary>
    private static List<LayerAtStep[]> Record(EpochTrainer trainer, int steps, Func<Parameter, bool> measured)
    {
        var partition = trainer.Network.Partition;
        LayerGroup[] layers = [partition.Stem, .. partition.Blocks];
        var seen = new List<LayerAtStep[]>();
        var measure = trainer.BeforeStep ?? throw new InvalidOperationException("the schedule measures nothing per step");
        trainer.BeforeStep = () =>
        {
            measure();
            if (seen.Count >= steps) return;
            using var noGrad = no_grad();
            seen.Add(layers.Select(l =>
            {
                var ps = l.Parameters.Select(p => p.Parameter).Where(measured).ToArray();
                return new LayerAtStep(
                    ps.Select(p => p.detach().to(ScalarType.Float64).DetachFromDisposeScope()).ToArray(),
                    ps.Select(p => p.grad!.detach().to(ScalarType.Float64).DetachFromDisposeScope()).ToArray());
            }).ToArray());
        };
        return seen;
    }

    private static double Norm(IEnumerable<Tensor> tensors) => Math.Sqrt(tensors.Sum(t => t.square().sum().item<double>()));

    /// <summary>
    /// ‖taken − expected‖ within float32 rounding of one SGD update: the step's own rounding (half an ulp of each new
    /// weight, ≤ 6·10⁻⁸ relative) and that of g + λw; 10⁻⁶ ‖w‖ + 10⁻⁵ ‖expected‖ is an order above both, and far below
    /// any wrong LR (a factor of 2 would miss by ‖expected‖ itself).
    /// </summary>
    private static void StepIs(string what, Tensor before, Tensor after, Tensor expectedStep)
    {
        var taken = before - after;
        var miss = (taken - expectedStep).norm().item<double>();
        var bound = 1e-6 * before.norm().item<double>() + 1e-5 * expectedStep.norm().item<double>();
        Assert.True(miss <= bound, $"{what}: step misses the expected one by {miss:G3} (bound {bound:G3}, expected step norm {expectedStep.norm().item<double>():G3})");
    }

    /// <summary>
    /// LARS with plain SGD (momentum off, so one step is one LR times one gradient) and weight decay 5·10⁻⁴: the first
    /// step moves each layer's weight tensors by base · η · ‖W‖ / (‖G‖ + λ‖W‖) · (g + λw), W and G over the layer's
    /// weight tensors together, and its BatchNorm parameters by the base LR alone; the trace records those LRs.
    /// </summary>
    [Fact]
    public void LarsStepsEachLayersWeightsByItsTrustRatioAndItsBatchNormByTheBaseLr()
    {
        const double baseLr = 0.5, eta = 0.02, lambda = 5e-4;
        using var data = SyntheticImages.Create(count: 64);
        using var network = SyntheticImages.Network();
        using var trainer = new EpochTrainer(network, data, SyntheticImages.Options() with { Momentum = 0, Nesterov = false, WeightDecay = lambda }, CPU);
        using var folder = new TempFolder();
        using var trace = new TraceWriter(Path.Combine(folder.Path, "trace.jsonl"));
        using var lars = new BaselineFineTuning(trainer, Named("lars"), ScheduleParameters.withValues([Tuple.Create("TrustCoefficient", eta)]),
            baseLr, 1, Normalisations.perWeight, ThresholdSchedule.NewConstant(0.94), trace, 0);
        var weights = Record(trainer, 2, p => p.dim() > 1);
        var vectors = Record(trainer, 2, p => p.dim() <= 1);

        var record = lars.RunEpoch();

        for (var l = 0; l < weights[0].Length; l++)
        {
            var (w0, w1) = (weights[0][l], weights[1][l]);
            var norm = Norm(w0.Weights);
            var lr = baseLr * eta * norm / (Norm(w0.Gradients) + lambda * norm);
            Assert.Equal(lr, l == 0 ? record.StemLr : record.Lrs[l - 1], lr * 1e-5);
            for (var i = 0; i < w0.Weights.Length; i++)
                StepIs($"layer {l} weight tensor {i}", w0.Weights[i], w1.Weights[i], lr * (w0.Gradients[i] + lambda * w0.Weights[i]));
            var (v0, v1) = (vectors[0][l], vectors[1][l]);
            Assert.NotEmpty(v0.Weights);
            for (var i = 0; i < v0.Weights.Length; i++)
                StepIs($"layer {l} vector {i}", v0.Weights[i], v1.Weights[i], baseLr * (v0.Gradients[i] + lambda * v0.Weights[i]));
        }
    }

    /// <summary>
    /// L-DoG with the engine's defaults (Nesterov momentum 0.9, weight decay 5·10⁻⁴): stem and blocks step as plain
    /// SGD with η_t = max(r_ε, max_i ‖x_i − x_0‖) / √(Σ_i ‖g_i + λx_i‖² + ε) of each layer's parameters together,
    /// r_ε = DogInitialMovement · (1 + ‖x_0‖) — checked on the first two steps, the second of which a momentum buffer
    /// would change — while the head keeps its momentum.
    /// </summary>
    [Fact]
    public void LayerwiseDogStepsEachLayerByItsDistanceOverGradientsWithoutMomentum()
    {
        const double movement = 0.01, lambda = 5e-4;
        using var tiny = SyntheticImages.Training(count: 64);
        var trainer = tiny.Trainer;
        using var folder = new TempFolder();
        using var trace = new TraceWriter(Path.Combine(folder.Path, "trace.jsonl"));
        using var dog = new BaselineFineTuning(trainer, Named("l-dog"), ScheduleParameters.withValues([Tuple.Create("DogInitialMovement", movement)]),
            0.01, 1, Normalisations.perWeight, ThresholdSchedule.NewConstant(0.94), trace, 0);
        var steps = Record(trainer, 3, _ => true);

        var record = dog.RunEpoch();

        var groups = trainer.Optimizer.GroupSettings;
        Assert.All(groups.SkipLast(1), g => Assert.Equal((0.0, false), (g.Momentum, g.Nesterov)));
        Assert.Equal((0.9, true), (groups[^1].Momentum, groups[^1].Nesterov));
        for (var l = 0; l < steps[0].Length; l++)
        {
            var x0 = steps[0][l].Weights;
            var movedMost = movement * (1 + Norm(x0));
            var gradientSquares = 0.0;
            for (var t = 0; t < 2; t++)
            {
                var (now, next) = (steps[t][l], steps[t + 1][l]);
                var decayed = now.Gradients.Zip(now.Weights, (g, x) => g + lambda * x).ToArray();
                gradientSquares += Math.Pow(Norm(decayed), 2);
                movedMost = Math.Max(movedMost, Norm(now.Weights.Zip(x0, (x, o) => x - o)));
                var eta = movedMost / Math.Sqrt(gradientSquares + DistanceOverGradients.Epsilon);
                if (t == 0) Assert.Equal(eta, l == 0 ? record.StemLr : record.Lrs[l - 1], eta * 1e-5);
                for (var i = 0; i < decayed.Length; i++)
                    StepIs($"layer {l} parameter {i}, step {t + 1}", now.Weights[i], next.Weights[i], eta * decayed[i]);
            }
        }
    }
}
