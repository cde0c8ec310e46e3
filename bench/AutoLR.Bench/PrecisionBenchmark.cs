using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Devices;
using AutoLR.Torch.Training;
using static TorchSharp.torch;

namespace AutoLR.Bench;

/// <summary>
/// <c>precision</c>: the training step in float32 (today's loop), channels-last float32, bfloat16 and
/// bfloat16 + channels-last (<see cref="Precision"/>), interleaved epoch by epoch in one run, at each image size.
/// Prints the median epoch time and its ratio to float32, and how far each format's losses and weights have drifted
/// from float32's after the same steps from the same initial weights.
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
            + $"1 untimed + {epochs} timed epochs each, interleaved (order rotated each epoch), threads {get_num_threads()}, load {LoadAverage()}");
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
            for (var epoch = 1; epoch <= epochs + 1; epoch++)
                for (var k = 0; k < loops.Length; k++)
                {
                    var i = (k + epoch) % loops.Length; // rotated, so no format always runs first or after the same one
                    var s = loops[i].RunEpoch(epoch);
                    if (epoch > 1) seconds[i].Add(s);
                }
            Report(size, images, images / batch, loops, seconds, initial.parameters().ToArray());
        }
        finally
        {
            foreach (var loop in loops) loop.Dispose();
        }
    }

    private static void Report(int size, int images, int stepsPerEpoch, PrecisionLoop[] loops, List<double>[] seconds, Tensor[] initial)
    {
        var reference = loops[0];
        var referenceMedian = Summary.Median(seconds[0]);
        Console.WriteLine($"  {size} px, {reference.Losses.Count} steps per format:");
        for (var i = 0; i < loops.Length; i++)
        {
            var loop = loops[i];
            var median = Summary.Median(seconds[i]);
            var timing = $"median epoch {median:F3} s ({images / median:F1} img/s), speed-up vs float32 {referenceMedian / median:F3}  "
                + $"[{string.Join(", ", seconds[i].Select(s => s.ToString("F3")))}]";
            var lossGap = loop.Losses.Zip(reference.Losses, (a, b) => Math.Abs(a - b)).Max();
            var drift = i == 0 ? "" : $"; vs float32: max |loss diff| {lossGap:G3}, weights {WeightDrift(loop, reference, initial)}";
            Console.WriteLine($"    {loop.Precision.Name,-22} conv out channels-last {loop.ConvOutputIsChannelsLast(),-5} {timing}{drift}");
        }
        Console.WriteLine($"    final-epoch mean loss: {string.Join(", ", loops.Select(l => $"{l.Precision.Name} {l.Losses.TakeLast(stepsPerEpoch).Average():F5}"))}");
    }

    /// <summary>
    /// How far <paramref name="loop"/>'s weights are from float32's after the same steps: over the whole network,
    /// ‖w − w₃₂‖ / ‖w₃₂ − w₀‖ (the error relative to what training changed) and max|w − w₃₂| / max|w₃₂|, and
    /// whether every weight is bit for bit float32's.
    /// </summary>
    private static string WeightDrift(PrecisionLoop loop, PrecisionLoop reference, Tensor[] initial)
    {
        using var scope = NewDisposeScope();
        double gapSquares = 0, updateSquares = 0, largestGap = 0, largestWeight = 0;
        for (var i = 0; i < initial.Length; i++)
        {
            var gap = loop.Weights[i] - reference.Weights[i];
            var update = reference.Weights[i] - initial[i];
            var gapNorm = gap.norm().item<float>();
            var updateNorm = update.norm().item<float>();
            gapSquares += gapNorm * gapNorm;
            updateSquares += updateNorm * updateNorm;
            largestGap = Math.Max(largestGap, gap.abs().max().item<float>());
            largestWeight = Math.Max(largestWeight, reference.Weights[i].abs().max().item<float>());
        }
        return $"‖diff‖/‖update‖ {Math.Sqrt(gapSquares / updateSquares):G3}, "
            + $"max|diff|/max|w| {largestGap / largestWeight:G3}, bit-identical {largestGap == 0}";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
