using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Devices;
using AutoLR.Torch.Training;
using static TorchSharp.torch;

namespace AutoLR.Bench;

/// <summary>
/// <c>projection</c>: what the subsampled strided projection costs. The same network is trained on the direct and on
/// the subsampled path, epoch for epoch interleaved (the order rotated each round), and the median epoch seconds —
/// wall clock and this process's CPU time, which a shared machine's other load disturbs far less — and their ratios are
/// printed. Options: --backbone resnet18|resnet50 (resnet50) --size PX (32) --images N (256)
/// --batch B (32) --epochs E (6) --threads T (torch default).
/// </summary>
internal static class ProjectionBenchmark
{
    public static int Run(string[] args)
    {
        var backbone = CommandLine.Text(args, "--backbone", "resnet50");
        var spec = backbone == "resnet18" ? BackboneSpec.ResNet18 : BackboneSpec.ResNet50;
        var size = CommandLine.Int(args, "--size", 32);
        var images = CommandLine.Int(args, "--images", 256);
        var batch = CommandLine.Int(args, "--batch", 32);
        var epochs = CommandLine.Int(args, "--epochs", 6);
        var threads = CommandLine.Int(args, "--threads", 0);
        if (threads > 0) set_num_threads(threads);
        LibTorchSwitches.DisableNnpack();

        manual_seed(1);
        var labels = Enumerable.Range(0, images).Select(i => i % 10).ToArray();
        using var data = new InMemoryImageDataset(randn(images, 3, size, size), labels);
        var options = new TrainingOptions { BatchSize = batch, Seed = 1 };
        var paths = new[] { StridedProjection.Direct, StridedProjection.Subsampled };
        var trainers = paths.Select(path =>
            new EpochTrainer(RetrievalNetwork.Create(spec with { Projection = path }, 0, 10, HeadOptions.Default, 2, CPU), data, options, CPU)).ToArray();
        var k = trainers[0].Optimizer.Partition.BlockCount;
        var rates = new TrialLearningRates(0.005, Enumerable.Repeat(0.01, k).ToArray(), 0.1);
        var seconds = paths.Select(_ => new List<double>()).ToArray();
        var cpuSeconds = paths.Select(_ => new List<double>()).ToArray();
        using var process = System.Diagnostics.Process.GetCurrentProcess();

        foreach (var trainer in trainers) trainer.RunEpoch(1, _ => rates);
        for (var epoch = 2; epoch < epochs + 2; epoch++)
            foreach (var i in epoch % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                seconds[i].Add(trainers[i].RunEpoch(epoch, _ => rates).Seconds);
                process.Refresh();
                cpuSeconds[i].Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
            }

        Console.WriteLine($"projection: {spec.Name}, {images} images at {size} px, batch {batch}, {epochs} timed epochs each, threads {get_num_threads()}, " +
                          $"L1 per core as oneDNN reads it {(CpuidCacheLeaves.ThisCpu is { } cpu ? CpuidCacheLeaves.PerCoreDataCache(1, cpu) : 0)} bytes");
        for (var i = 0; i < paths.Length; i++)
            Console.WriteLine($"  {StridedProjections.Name(paths[i]),-10} median epoch {Summary.Median(seconds[i]):F3} s wall ({images / Summary.Median(seconds[i]):F1} img/s), " +
                              $"{Summary.Median(cpuSeconds[i]):F3} s CPU  [wall {string.Join(", ", seconds[i].Select(s => s.ToString("F2")))}; " +
                              $"CPU {string.Join(", ", cpuSeconds[i].Select(s => s.ToString("F2")))}]");
        Console.WriteLine($"  subsampled / direct: wall {Summary.Median(seconds[1]) / Summary.Median(seconds[0]):F3}, CPU {Summary.Median(cpuSeconds[1]) / Summary.Median(cpuSeconds[0]):F3}");
        foreach (var trainer in trainers) trainer.Dispose();
        return 0;
    }
}
