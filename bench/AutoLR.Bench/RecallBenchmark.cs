using System.Diagnostics;
using System.Globalization;
using AutoLR.Torch.Evaluation;
using static TorchSharp.torch;

namespace AutoLR.Bench;

/// <summary>
/// Blocked Recall@K at SOP scale (N = 60,000) beside the bare matrix product it cannot avoid, each step's rate set
/// against the machine's GEMM rate measured in the same repetition; then, once, peak memory beside the naive
/// full-similarity-matrix computation. Options: --n 60000 --dims 512,2048 --classes 300 --ks 1,2,4,8
/// --blocks (default by memory; a list compares block sizes) --repeats 3 --steps product,contiguous,topk,recall
/// (also reuse, conv: the product into one buffer, or as a 1×1 convolution)
/// --threads (torch default) --memory 1 --naive-n (largest N whose naive run fits, when omitted) --seed 1.
/// </summary>
public static class RecallBenchmark
{
    private const double GiB = 1024.0 * 1024 * 1024;

    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        if (options.Threads is { } threads) set_num_threads(threads);
        var naiveCount = options.NaiveCount ?? LargestNaiveCount(options.Count, options.Dimensions.Max(), options.Ks.Max());
        Console.WriteLine($"threads {get_num_threads()} (interop {get_num_interop_threads()}), MemAvailable {PeakMemory.Available() / GiB:0.0} GiB, " +
                          $"N {options.Count}, naive N {naiveCount}, classes {options.Classes}, Ks {string.Join(",", options.Ks)}");
        // Warm-up: libtorch's first calls load kernels and start its thread pool; none of that belongs in the figures.
        using (var warm = nn.functional.normalize(randn(2000, 64), p: 2, dim: 1))
            BlockedRecallAtK.SelfExcluded(warm, new int[2000], [1], blockSize: 500);
        foreach (var dimension in options.Dimensions)
        {
            using var scope = NewDisposeScope();
            var (embeddings, labels) = Sample(options, options.Count, dimension);
            Time(options, embeddings, labels);
            if (options.Memory) MeasureMemory(options, embeddings, labels, naive: naiveCount == options.Count);
            if (options.Memory && naiveCount > 0 && naiveCount < options.Count)
            {
                var (fewer, fewerLabels) = Sample(options, naiveCount, dimension);
                MeasureMemory(options, fewer, fewerLabels, naive: true);
            }
        }
        return 0;
    }

    private static (Tensor Embeddings, int[] Labels) Sample(Options options, int count, int dimension)
    {
        using var generator = new Generator((ulong)options.Seed);
        var embeddings = nn.functional.normalize(randn([count, dimension], generator: generator), p: 2, dim: 1);
        var random = new Random(options.Seed);
        return (embeddings, Enumerable.Range(0, count).Select(_ => random.Next(options.Classes)).ToArray());
    }

    /// <summary>
    /// Every step once per repetition, in the same order each time (A, B, A, B, …), so that a change in the machine's
    /// load falls on all steps alike; each rate is reported as a fraction of the GEMM rate measured at the start of
    /// its repetition.
    /// </summary>
    private static void Time(Options options, Tensor embeddings, int[] labels)
    {
        var count = embeddings.shape[0];
        var dimension = embeddings.shape[1];
        var flop = 2.0 * count * count * dimension;
        var blocks = options.Blocks ?? [BlockedRecallAtK.DefaultBlockSize((int)count)];
        Console.WriteLine($"-- N = {count}, d = {dimension}: E·Eᵀ is {flop / 1e12:0.000} TFLOP; blocks {string.Join(", ", blocks)} queries; " +
                          $"{options.Repeats} interleaved repetitions");
        for (var repeat = 1; repeat <= options.Repeats; repeat++)
        {
            var gemm = GemmRate.Measure();
            Console.WriteLine($"   repetition {repeat}: GEMM rate {gemm:0.0} GFLOP/s (best of 3 square 2048 products)");
            foreach (var block in blocks)
            foreach (var step in options.Steps)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var scores = step switch
                {
                    "product" => Checksum(BlockedProduct(embeddings, block, contiguous: false)),
                    "contiguous" => Checksum(BlockedProduct(embeddings, block, contiguous: true)),
                    "reuse" => Checksum(BlockedProductIntoBuffer(embeddings, block)),
                    "conv" => Checksum(BlockedProductByConvolution(embeddings, block)),
                    "topk" => Checksum(BlockedProductTopK(embeddings, block, options.Ks.Max() + 1)),
                    "recall" => BlockedRecallAtK.SelfExcluded(embeddings, labels, options.Ks, blockSize: block).ToString(),
                    _ => throw new ArgumentException($"Unknown step '{step}': use product, contiguous, reuse, conv, topk or recall."),
                };
                var seconds = clock.Elapsed.TotalSeconds;
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var rate = flop / seconds / 1e9;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"      {StepNames[step],-38} block {block,6} {seconds,8:0.00} s (cpu {cpuSeconds,7:0.00} s) {rate,7:0.0} GFLOP/s = {rate / gemm,5:0.00} × GEMM   {scores}"));
            }
        }
    }

    private static readonly Dictionary<string, string> StepNames = new()
    {
        ["product"] = "blocked product, Eᵀ as a view",
        ["contiguous"] = "blocked product, Eᵀ contiguous",
        ["reuse"] = "blocked product into one buffer",
        ["conv"] = "blocked product as 1×1 conv (oneDNN)",
        ["topk"] = "blocked product + topk",
        ["recall"] = "blocked Recall@K",
    };

    private static void MeasureMemory(Options options, Tensor embeddings, int[] labels, bool naive)
    {
        var block = options.Blocks?[0] ?? BlockedRecallAtK.DefaultBlockSize((int)embeddings.shape[0]);
        Console.WriteLine($"-- memory, N = {embeddings.shape[0]}, d = {embeddings.shape[1]}, block {block}: extra resident bytes above the " +
                          "start of each step; high-water mark (VmHWM after clear_refs) / RSS sampled every 1 ms");
        var (blocked, blockedReading) = PeakMemory.Measure(() => BlockedRecallAtK.SelfExcluded(embeddings, labels, options.Ks, blockSize: block));
        Report("blocked Recall@K", blockedReading, blocked.ToString());
        var (_, productReading) = PeakMemory.Measure(() => BlockedProduct(embeddings, block, contiguous: false));
        Report("blocked matrix product only", productReading, "");
        if (!naive) return;
        var (full, naiveReading) = PeakMemory.Measure(() => NaiveRecall(embeddings, labels, options.Ks));
        Report("naive full matrix + topk", naiveReading, full.ToString());
    }

    private static string Checksum(double value) => string.Create(CultureInfo.InvariantCulture, $"checksum {value:0.000}");

    /// <summary>
    /// E·Eᵀ in the same blocks, each block's result dropped: the floor any exact method pays. Eᵀ either as the
    /// transposed view of E (what BlockedRecallAtK multiplies by) or copied once into a contiguous [d, N] matrix.
    /// </summary>
    private static double BlockedProduct(Tensor embeddings, int block, bool contiguous)
    {
        using var inference = inference_mode();
        var count = embeddings.shape[0];
        var checksum = 0.0;
        using var transposed = contiguous ? embeddings.t().contiguous() : embeddings.t();
        for (long start = 0; start < count; start += block)
        {
            using var product = embeddings.narrow(0, start, Math.Min(block, count - start)).mm(transposed);
            using var corner = product[0, 0];
            checksum += corner.item<float>();
        }
        return checksum;
    }

    /// <summary>The blocked product written by addmm_ (β = 0) into one block-sized buffer, allocated once.</summary>
    private static double BlockedProductIntoBuffer(Tensor embeddings, int block)
    {
        using var inference = inference_mode();
        var count = embeddings.shape[0];
        var checksum = 0.0;
        using var transposed = embeddings.t();
        using var buffer = empty(Math.Min(block, count), count);
        for (long start = 0; start < count; start += block)
        {
            var length = Math.Min(block, count - start);
            using var product = buffer.narrow(0, 0, length).addmm_(embeddings.narrow(0, start, length), transposed, beta: 0, alpha: 1);
            using var corner = product[0, 0];
            checksum += corner.item<float>();
        }
        return checksum;
    }

    /// <summary>
    /// The blocked product as a 1×1 convolution: the gallery Eᵀ as a [1, d, 1, N] image, the block's queries as
    /// [b, d, 1, 1] filters. libtorch runs float32 convolutions through oneDNN, which picks its kernels by instruction
    /// set, not by CPU vendor.
    /// </summary>
    private static double BlockedProductByConvolution(Tensor embeddings, int block)
    {
        using var inference = inference_mode();
        var count = embeddings.shape[0];
        var dimension = embeddings.shape[1];
        var checksum = 0.0;
        using var image = embeddings.t().contiguous().view(1, dimension, 1, count);
        for (long start = 0; start < count; start += block)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(block, count - start);
            var product = nn.functional.conv2d(image, embeddings.narrow(0, start, length).view(length, dimension, 1, 1)).view(length, count);
            checksum += product[0, 0].item<float>();
        }
        return checksum;
    }

    /// <summary>The blocked product and each block's topk of <paramref name="candidates"/>: Recall@K without the ranks.</summary>
    private static double BlockedProductTopK(Tensor embeddings, int block, int candidates)
    {
        using var inference = inference_mode();
        var count = embeddings.shape[0];
        var checksum = 0.0;
        using var transposed = embeddings.t();
        for (long start = 0; start < count; start += block)
        {
            using var scope = NewDisposeScope();
            var product = embeddings.narrow(0, start, Math.Min(block, count - start)).mm(transposed);
            var (values, _) = product.topk(candidates, dim: 1);
            checksum += values[0, 0].item<float>();
        }
        return checksum;
    }

    /// <summary>The textbook way: the whole N × N similarity matrix, the diagonal masked, one topk.</summary>
    private static RecallScores NaiveRecall(Tensor embeddings, int[] labels, int[] ks)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        var similarity = embeddings.mm(embeddings.t());
        similarity.diagonal().fill_(float.NegativeInfinity);
        var neighbours = similarity.topk(ks.Max(), dim: 1).indexes;
        var label = tensor(labels);
        var hitAt = label.index_select(0, neighbours.flatten()).view(neighbours.shape).eq(label.unsqueeze(1));
        var recalls = ks.Select(k => hitAt.narrow(1, 0, k).any(1).to(ScalarType.Float64).mean().item<double>()).ToArray();
        return new RecallScores(ks, recalls, labels.Length);
    }

    private static void Report(string what, PeakMemory.Reading reading, string scores) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   {what,-30} {reading.Seconds,8:0.0} s   extra {reading.ExtraHighWater / GiB,6:0.00} / {reading.ExtraSampled / GiB,6:0.00} GiB   {scores}"));

    /// <summary>
    /// The largest N (the full N, or halvings of it) whose naive computation leaves 6 GiB of the machine's available
    /// memory to others: the N × N float32 matrix plus the topk result and the input.
    /// </summary>
    private static int LargestNaiveCount(int count, int dimension, int maxK)
    {
        var available = PeakMemory.Available() - 6 * (long)GiB;
        for (var n = (long)count; n >= 1000; n /= 2)
            if (n * n * 4 + n * maxK * 16 + n * dimension * 4 <= available) return (int)n;
        return 0;
    }

    private sealed record Options(
        int Count, int[] Dimensions, int Classes, int[] Ks, int[]? Blocks, int Repeats, string[] Steps, int? Threads,
        bool Memory, int? NaiveCount, int Seed)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                    throw new ArgumentException($"Expected '--option value' pairs, got '{string.Join(" ", args)}'. Options: --n --dims --classes --ks --blocks --repeats --steps --threads --memory --naive-n --seed.");
                values[args[i][2..]] = args[i + 1];
            }
            int[] List(string key, string fallback) => values.GetValueOrDefault(key, fallback).Split(',').Select(int.Parse).ToArray();
            int? Maybe(string key) => values.TryGetValue(key, out var text) ? int.Parse(text) : null;
            return new Options(
                Maybe("n") ?? 60_000, List("dims", "512,2048"), Maybe("classes") ?? 300, List("ks", "1,2,4,8"),
                values.ContainsKey("blocks") ? List("blocks", "") : null, Maybe("repeats") ?? 3,
                values.GetValueOrDefault("steps", "product,contiguous,topk,recall").Split(','), Maybe("threads"),
                (Maybe("memory") ?? 1) != 0, Maybe("naive-n"), Maybe("seed") ?? 1);
        }
    }
}
