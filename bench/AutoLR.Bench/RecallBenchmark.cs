using System.Globalization;
using AutoLR.Torch.Evaluation;
using static TorchSharp.torch;

namespace AutoLR.Bench;

/// <summary>
/// Blocked Recall@K at SOP scale (N = 60,000) beside the naive full-similarity-matrix computation and beside the bare
/// matrix product it cannot avoid. Options: --n 60000 --dims 512,2048 --classes 300 --ks 1,2,4,8 --block (default by
/// memory) --naive-n (largest N whose naive run fits, when omitted) --seed 1.
/// </summary>
public static class RecallBenchmark
{
    private const double GiB = 1024.0 * 1024 * 1024;

    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var naiveCount = options.NaiveCount ?? LargestNaiveCount(options.Count, options.Dimensions.Max(), options.Ks.Max());
        Console.WriteLine($"threads {get_num_threads()}, MemAvailable {PeakMemory.Available() / GiB:0.0} GiB, " +
                          $"N {options.Count}, naive N {naiveCount}, classes {options.Classes}, Ks {string.Join(",", options.Ks)}");
        // Warm-up: libtorch's first calls load kernels and start its thread pool; none of that belongs in the figures.
        using (var warm = nn.functional.normalize(randn(2000, 64), p: 2, dim: 1))
            BlockedRecallAtK.SelfExcluded(warm, new int[2000], [1], blockSize: 500);
        Console.WriteLine("memory: extra resident bytes above the start of each step; high-water mark (VmHWM after clear_refs) / RSS sampled every 1 ms");
        foreach (var dimension in options.Dimensions)
        {
            Measure(options, options.Count, dimension, naive: naiveCount == options.Count);
            if (naiveCount > 0 && naiveCount < options.Count) Measure(options, naiveCount, dimension, naive: true);
        }
        return 0;
    }

    private static void Measure(Options options, int count, int dimension, bool naive)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)options.Seed);
        var embeddings = nn.functional.normalize(randn([count, dimension], generator: generator), p: 2, dim: 1);
        var random = new Random(options.Seed);
        var labels = Enumerable.Range(0, count).Select(_ => random.Next(options.Classes)).ToArray();
        var block = options.Block ?? BlockedRecallAtK.DefaultBlockSize(count);
        var input = embeddings.numel() * 4 / GiB;
        Console.WriteLine($"-- N = {count}, d = {dimension}, block = {block} queries, input {input:0.00} GiB");

        var (blocked, blockedReading) = PeakMemory.Measure(() => BlockedRecallAtK.SelfExcluded(embeddings, labels, options.Ks, blockSize: block));
        Report("blocked Recall@K", blockedReading, blocked.ToString());

        var (_, productReading) = PeakMemory.Measure(() => BlockedProduct(embeddings, block));
        Report("blocked matrix product only", productReading, "");

        if (!naive) return;
        var (full, naiveReading) = PeakMemory.Measure(() => NaiveRecall(embeddings, labels, options.Ks));
        Report("naive full matrix + topk", naiveReading, full.ToString());
    }

    /// <summary>E·Eᵀ in the same blocks, each block's result dropped: the floor any exact method pays.</summary>
    private static double BlockedProduct(Tensor embeddings, int block)
    {
        using var inference = inference_mode();
        var count = embeddings.shape[0];
        var checksum = 0.0;
        using var transposed = embeddings.t();
        for (long start = 0; start < count; start += block)
        {
            using var product = embeddings.narrow(0, start, Math.Min(block, count - start)).mm(transposed);
            using var corner = product[0, 0];
            checksum += corner.item<float>();
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

    private sealed record Options(int Count, int[] Dimensions, int Classes, int[] Ks, int? Block, int? NaiveCount, int Seed)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                    throw new ArgumentException($"Expected '--option value' pairs, got '{string.Join(" ", args)}'. Options: --n --dims --classes --ks --block --naive-n --seed.");
                values[args[i][2..]] = args[i + 1];
            }
            int[] List(string key, string fallback) => values.GetValueOrDefault(key, fallback).Split(',').Select(int.Parse).ToArray();
            int? Maybe(string key) => values.TryGetValue(key, out var text) ? int.Parse(text) : null;
            return new Options(
                Maybe("n") ?? 60_000, List("dims", "512,2048"), Maybe("classes") ?? 300, List("ks", "1,2,4,8"),
                Maybe("block"), Maybe("naive-n"), Maybe("seed") ?? 1);
        }
    }
}
