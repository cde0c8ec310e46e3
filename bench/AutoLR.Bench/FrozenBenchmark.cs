using System.Diagnostics;
using System.Globalization;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Evaluation;
using AutoLR.Torch.Weights;
using static TorchSharp.torch;

namespace AutoLR.Bench;

/// <summary>
/// <c>frozen</c>: the pre-trained features with no training at all — the first row of the regime benchmark, beside
/// which fine-tuning and training from random weights (<c>autolr finetune --init random</c>) are judged — and how fast
/// the evaluation embeds. For each image size: Recall@K of the untrained pre-trained backbone at --depth on the test
/// classes of the embedded default (Fashion-MNIST 5–9), and the embedding rate of the evaluation path
/// (<see cref="EmbeddingExtractor"/>, eval and inference mode) twice: from the data set (reading, resizing,
/// normalising included) and from images already in memory, the number bench/embed_pytorch.py prints for PyTorch.
/// Options: --sizes 32,64,112 --depth 0 --images-per-class 200 --test-images-per-class 1000 --batch (evaluation's) --flip 1
/// --repeats 3 --threads (torch default) --dataset-path (the Debian package's folder).
/// </summary>
internal static class FrozenBenchmark
{
    public static int Run(string[] args)
    {
        var sizes = CommandLine.Text(args, "--sizes", "32,64,112").Split(',').Select(int.Parse).ToArray();
        var depth = CommandLine.Int(args, "--depth", 0);
        var batch = CommandLine.Int(args, "--batch", 0);  // 0: what evaluation uses at each size
        var flip = CommandLine.Int(args, "--flip", 1) != 0;
        var repeats = CommandLine.Int(args, "--repeats", 3);
        var threads = CommandLine.Int(args, "--threads", 0);
        var path = CommandLine.Text(args, "--dataset-path", "");
        if (threads > 0) set_num_threads(threads);

        using var pretrained = PretrainedBackbones.Load(BackboneSettings.Shipped, "", Console.WriteLine);
        Console.WriteLine($"frozen: {pretrained.Spec.Name} at depth {depth}, batch {(batch > 0 ? batch : "as evaluation's")}, flip {flip}, threads {get_num_threads()}; " +
                          "rates are forward images per second (flip counts twice), best of the repeats");
        foreach (var size in sizes)
        {
            var extractor = new EmbeddingExtractor(batch > 0 ? batch : EmbeddingExtractor.EvaluationBatch(size, 32), CPU, flip);
            var options = new DatasetOptions
            {
                ImageSize = size,
                ImagesPerClass = CommandLine.Int(args, "--images-per-class", 200),
                TestImagesPerClass = CommandLine.Int(args, "--test-images-per-class", 1000),
            };
            var data = DatasetFactory.Open("fashion-mnist", path.Length == 0 ? null : path, options, pretrained.Spec.Input);
            using var network = PretrainedNetwork.Create(pretrained.Spec, depth, pretrained.StateDict, pretrained.Source, data.Train.ClassCount,
                HeadOptions.Default, seed: 1, CPU);
            var test = data.Test!;
            var passes = flip ? 2 : 1;

            Embeddings? embeddings = null;
            var fromData = Best(repeats, () => embeddings = extractor.Extract(network.Backbone, test));
            var recall = BlockedRecallAtK.SelfExcluded(embeddings!, test.Labels, [1, 2, 4, 8]);

            manual_seed(1);
            using var inMemory = new InMemoryImageDataset(randn(test.Count, 3, size, size), new int[test.Count]);
            var fromMemory = Best(repeats, () => extractor.Extract(network.Backbone, inMemory));
            // torchvision's layout (symmetric padding, random weights): what embed_pytorch.py runs, so that a gap to
            // PyTorch splits into the CNTK export's padding and the engine itself.
            using var torchvisionLayout = RetrievalNetwork.Create(BackboneSpec.ResNet18, depth, data.Train.ClassCount, HeadOptions.Default, seed: 1, CPU);
            var torchvisionRate = Best(repeats, () => extractor.Extract(torchvisionLayout.Backbone, inMemory));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {size,4} px: frozen {recall}  ({test.Count} test images); embedding {passes * test.Count / fromData,7:0} img/s from the data set, " +
                $"{passes * test.Count / fromMemory,7:0} img/s from memory, {passes * test.Count / torchvisionRate,7:0} img/s from memory in torchvision's layout"));
        }
        return 0;
    }

    private static double Best(int repeats, Action work)
    {
        var best = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            work();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }
}
