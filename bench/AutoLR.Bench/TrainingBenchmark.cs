using System.Diagnostics;
using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Devices;
using AutoLR.Torch.Training;
using static TorchSharp.torch;

namespace AutoLR.Bench;

/// <summary>
/// <c>training</c>: (a) epoch throughput of the engine's loop against a bare TorchSharp loop doing the same
/// forward/backward/step on the same data, interleaved in one run, as a ratio; (b) AutoLR's per-trial bookkeeping
/// (epoch-start snapshot with ‖W_start‖², block measurements, best-trial copy, rollback) as a share of the epoch time,
/// in wall time and in the process's CPU time, which a machine shared with other jobs disturbs far less.
/// Options: --size PX (32) --images N (256) --batch B (32) --epochs E (4) --threads T (torch default) --device cpu.
/// </summary>
internal static class TrainingBenchmark
{
    /// <summary>Wall and CPU seconds of one piece of work; CPU time is the whole process's (torch's threads, the GC's).</summary>
    private readonly record struct Cost(double Wall, double Cpu)
    {
        public static Cost Of(Action work)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            work();
            return new(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        }
    }

    public static int Run(string[] args)
    {
        var size = CommandLine.Int(args, "--size", 32);
        var images = CommandLine.Int(args, "--images", 256);
        var batch = CommandLine.Int(args, "--batch", 32);
        var epochs = CommandLine.Int(args, "--epochs", 4);
        var threads = CommandLine.Int(args, "--threads", 0);
        var device = DeviceSetting.Parse(CommandLine.Text(args, "--device", "cpu"));
        if (threads > 0) set_num_threads(threads);

        manual_seed(1);
        var labels = Enumerable.Range(0, images).Select(i => i % 10).ToArray();
        using var data = new InMemoryImageDataset(randn(images, 3, size, size), labels);
        var options = new TrainingOptions { BatchSize = batch, Seed = 1 };

        using var ours = RetrievalNetwork.Create(BackboneSpec.ResNet18, 0, 10, HeadOptions.Default, 2, device);
        using var bare = RetrievalNetwork.Create(BackboneSpec.ResNet18, 0, 10, HeadOptions.Default, 2, device);
        using var trainer = new EpochTrainer(ours, data, options, device);
        using var bareLoop = new BareLoop(bare, data, options, device);
        var k = ours.Partition.BlockCount;
        var rates = new TrialLearningRates(0.005, Enumerable.Repeat(0.01, k).ToArray(), 0.1);

        trainer.RunEpoch(1, _ => rates);
        bareLoop.RunEpoch(1);
        var oursCosts = new List<Cost>();
        var bareSeconds = new List<double>();
        var bookkeepingCosts = new List<Cost>();
        using var start = TrainingSnapshot.Capture(trainer);
        using var best = TrainingSnapshot.Capture(trainer);
        using var variation = new BlockVariation(ours.Partition);
        for (var epoch = 2; epoch < epochs + 2; epoch++)
        {
            bareSeconds.Add(bareLoop.RunEpoch(epoch));
            oursCosts.Add(Cost.Of(() => trainer.RunEpoch(epoch, _ => rates)));
            bookkeepingCosts.Add(Bookkeeping(trainer, start, best, variation));
        }

        var oursMedian = Summary.Median(oursCosts.Select(c => c.Wall).ToArray());
        var bareMedian = Summary.Median(bareSeconds);
        var bookkeeping = Summary.Median(bookkeepingCosts.Select(c => c.Wall).ToArray());
        var oursCpu = Summary.Median(oursCosts.Select(c => c.Cpu).ToArray());
        var bookkeepingCpu = Summary.Median(bookkeepingCosts.Select(c => c.Cpu).ToArray());
        Console.WriteLine($"training: ResNet-18, {images} images at {size} px, batch {batch}, {epochs} timed epochs each, threads {get_num_threads()}, device {device}");
        Console.WriteLine($"  bare loop   median epoch {bareMedian:F3} s ({images / bareMedian:F1} img/s)  [{string.Join(", ", bareSeconds.Select(s => s.ToString("F3")))}]");
        Console.WriteLine($"  engine loop median epoch {oursMedian:F3} s ({images / oursMedian:F1} img/s)  [{string.Join(", ", oursCosts.Select(c => c.Wall.ToString("F3")))}]");
        Console.WriteLine($"  throughput ratio engine/bare: {bareMedian / oursMedian:F3} (target ≥ 0.97)");
        Console.WriteLine($"  AutoLR bookkeeping per trial {bookkeeping * 1000:F1} ms = {100 * bookkeeping / oursMedian:F2} % of an epoch (target ≤ 2 %)");
        Console.WriteLine($"  in CPU time: bookkeeping {bookkeepingCpu * 1000:F1} ms, epoch {oursCpu:F3} s: {100 * bookkeepingCpu / oursCpu:F2} % of an epoch");
        return 0;
    }

    /// <summary>
    /// A trial's worst-case bookkeeping: the epoch-start snapshot with ‖W_start‖² of each block (once per epoch in the
    /// AutoLR loop, counted here for every trial), the block measurements against it (eq. 1's and the other
    /// normalisations' inputs), keeping the trial as the best (an exchange of storage, since the rollback follows) and
    /// the rollback (a retried trial does all of them), into snapshots reused across epochs as the AutoLR loop does.
    /// </summary>
    private static Cost Bookkeeping(EpochTrainer trainer, TrainingSnapshot start, TrainingSnapshot best, BlockVariation variation)
    {
        var capture = Cost.Of(() => start.Overwrite(trainer));
        var norms = Cost.Of(() => variation.StartAt(start));
        var measure = Cost.Of(() => WeightVariation.variations(Normalisations.perWeight, variation.Measure()));
        var keep = Cost.Of(() => best.ExchangeWith(trainer));
        var restore = Cost.Of(() => start.RestoreInto(trainer));
        Cost[] parts = [capture, norms, measure, keep, restore];
        Console.WriteLine($"  bookkeeping ms (wall / CPU): capture {Ms(capture)}, start norms {Ms(norms)}, measure {Ms(measure)}, keep best {Ms(keep)}, restore {Ms(restore)}");
        return new(parts.Sum(p => p.Wall), parts.Sum(p => p.Cpu));
    }

    private static string Ms(Cost cost) => $"{cost.Wall * 1000:F1} / {cost.Cpu * 1000:F1}";

    /// <summary>The reference: the same batches, flips, forward, loss and SGD step with nothing else around them.</summary>
    private sealed class BareLoop(RetrievalNetwork network, IImageDataset data, TrainingOptions options, Device device) : IDisposable
    {
        private readonly TorchSharp.Modules.SGD _sgd = optim.SGD(network.parameters(), 0.01, options.Momentum, 0, options.WeightDecay, options.Nesterov);
        private readonly long[] _labels = data.Labels.Select(l => (long)l).ToArray();
        private readonly Random _random = new(1);

        public double RunEpoch(int epoch)
        {
            var clock = Stopwatch.StartNew();
            var order = TrainingRandom.EpochOrder(options.Seed, epoch, data.Count);
            network.train();
            for (var b = 0; b + options.BatchSize <= data.Count; b += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                var indices = order.AsSpan(b, options.BatchSize);
                var images = data.GetBatch(indices);
                var mirror = tensor(Enumerable.Range(0, indices.Length).Select(_ => _random.NextDouble() < 0.5).ToArray()).view(-1, 1, 1, 1);
                var input = where(mirror, images.flip(3), images).to(device);
                var target = tensor(indices.ToArray().Select(i => _labels[i]).ToArray()).to(device);
                _sgd.zero_grad();
                var loss = nn.functional.cross_entropy(network.forward(input), target);
                loss.backward();
                _sgd.step();
                loss.item<float>();
            }
            return clock.Elapsed.TotalSeconds;
        }

        public void Dispose() => _sgd.Dispose();
    }
}
