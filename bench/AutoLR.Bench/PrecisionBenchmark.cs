using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Devices;
using AutoLR.Torch.Training;
using static TorchSharp.torch;

namespace AutoLR.Bench;

/// <summary>
/// <c>precision</c>: the training step in float32 (today's loop), channels-last float32, bfloat16 and
/// bfloat16 + channels-last (<see cref="Precision"/>), interleaved step by step in one run (a shared machine's load
/// changes over seconds, so only close neighbours compare), at each image size. Prints the median step time and the
/// median of float32's step time over each format's in the same round, and how far each format's losses and weights
/// have drifted from float32's after the first step and after all steps from the same initial weights.
/// Options: --sizes 32,64 --images N (256) --batch B (32) --epochs E (3 timed, after one untimed) --threads T.
/// </summary>
internal static class PrecisionBenchmark
{
    public static int Run(string[] args)
    {
        var sizes = CommandLine.Text(args, "--sizes", "32,64").Split(',').Select(int.Parse).ToArray();
        var images = CommandLine.Int(args, "--images", 256);
        var batch = CommandLine.Int(args, "--batch", 32);
        var epochs = CommandLine.Int(args, "--epochs", 3);
        var threads = CommandLine.Int(args, "--threads", 0);
        if (threads > 0) set_num_threads(threads);

        Console.WriteLine($"precision: ResNet-18 (random init, authors' head, 10 classes), {images} images, batch {batch}, "
            + $"1 untimed + {epochs} timed epochs each, interleaved step by step (order rotated each step), threads {get_num_threads()}, load {LoadAverage()}");
        foreach (var size in sizes) Measure(size, images, batch, epochs);
        Console.WriteLine($"load at the end {LoadAverage()}");
        return 0;
    }

    private static void Measure(int size, int images, int batch, int epochs)
    {
        manual_seed(1);
        var labels = Enumerable.Range(0, images).Select(i => i % 10).ToArray();
        using var data = new InMemoryImageDataset(randn(images, 3, size, size), labels);
        var options = new TrainingOptions { BatchSize = batch, Seed = 1 };
        var device = DeviceSetting.Parse("cpu");
        RetrievalNetwork Create() => RetrievalNetwork.Create(BackboneSpec.ResNet18, 0, 10, HeadOptions.Default, 2, device);

        using var initial = Create();
        var loops = Precision.All.Select(p => new PrecisionLoop(p, data, options, Create)).ToArray();
        try
        {
            var seconds = loops.Select(_ => new List<double>()).ToArray();
            var round = 0;
            for (var epoch = 1; epoch <= epochs + 1; epoch++)
                for (var b = 0; b < images / batch; b++, round++)
                    for (var k = 0; k < loops.Length; k++)
                    {
                        var i = (k + round) % loops.Length; // rotated, so no format always runs first or after the same one
                        var s = loops[i].Step(epoch, b);
                        if (epoch > 1) seconds[i].Add(s);
                    }
            Report(size, batch, images / batch, loops, seconds, initial.parameters().ToArray());
        }
        finally
        {
            foreach (var loop in loops) loop.Dispose();
        }
    }

    private static void Report(int size, int batch, int stepsPerEpoch, PrecisionLoop[] loops, List<double>[] seconds, Tensor[] initial)
    {
        var reference = loops[0];
        Console.WriteLine($"  {size} px, {seconds[0].Count} timed steps per format ({reference.Losses.Count} in all):");
        for (var i = 0; i < loops.Length; i++)
        {
            var loop = loops[i];
            var median = Summary.Median(seconds[i]);
            var speedUps = seconds[0].Zip(seconds[i], (f, x) => f / x).Order().ToArray();
            Console.WriteLine($"    {loop.Precision.Name,-22} median step {median:F3} s ({batch / median:F1} img/s); speed-up vs float32, "
                + $"median of paired steps {Summary.Median(speedUps):F3} (quartiles {speedUps[speedUps.Length / 4]:F3}–{speedUps[3 * speedUps.Length / 4]:F3}); "
                + $"conv output channels-last: {loop.ConvOutputIsChannelsLast()}");
            if (i == 0) continue;
            var lossGap = loop.Losses.Zip(reference.Losses, (x, f) => Math.Abs(x - f)).Max();
            Console.WriteLine($"      vs float32 after step 1: |loss diff| {Math.Abs(loop.Losses[0] - reference.Losses[0]):G3}, "
                + $"weights {WeightDrift(loop.AfterFirstStep, reference.AfterFirstStep, initial)}");
            Console.WriteLine($"      vs float32 after all steps: max |loss diff| {lossGap:G3}, weights {WeightDrift(loop.Weights, reference.Weights, initial)}");
        }
        Console.WriteLine($"    last-epoch mean loss: {string.Join(", ", loops.Select(l => $"{l.Precision.Name} {l.Losses.TakeLast(stepsPerEpoch).Average():F4}"))}");
    }

    /// <summary>
    /// How far <paramref name="weights"/> are from float32's <paramref name="reference"/> after the same steps from
    /// <paramref name="initial"/>: over the whole network ‖w − w₃₂‖ / ‖w₃₂ − w₀‖ (the error relative to what training
    /// changed), its median over parameter tensors (robust to a tensor whose true gradient is zero, such as a bias
    /// right before a BatchNorm, where rounding noise is all there is), max|w − w₃₂| / max|w₃₂|, and whether every
    /// weight is bit for bit float32's.
    /// </summary>
    private static string WeightDrift(IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> reference, Tensor[] initial)
    {
        using var scope = NewDisposeScope();
        double gapSquares = 0, updateSquares = 0, largestGap = 0, largestWeight = 0;
        var perTensor = new List<double>();
        for (var i = 0; i < initial.Length; i++)
        {
            var gap = weights[i] - reference[i];
            var gapNorm = gap.norm().item<float>();
            var updateNorm = (reference[i] - initial[i]).norm().item<float>();
            if (updateNorm > 0) perTensor.Add(gapNorm / updateNorm);
            gapSquares += gapNorm * gapNorm;
            updateSquares += updateNorm * updateNorm;
            largestGap = Math.Max(largestGap, gap.abs().max().item<float>());
            largestWeight = Math.Max(largestWeight, reference[i].abs().max().item<float>());
        }
        return $"‖diff‖/‖update‖ {Math.Sqrt(gapSquares / updateSquares):G3} (median tensor {Summary.Median(perTensor):G3}), "
            + $"max|diff|/max|w| {largestGap / largestWeight:G3}, "
            + $"bit-identical {largestGap == 0}";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
