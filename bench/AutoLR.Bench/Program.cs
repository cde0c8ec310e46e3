// autolr-bench NAME [options]: each benchmark prints its figures; see bench/README.md for the recorded results.
var benchmarks = new Dictionary<string, Func<string[], int>>(StringComparer.OrdinalIgnoreCase)
{
    ["training"] = AutoLR.Bench.TrainingBenchmark.Run,
    ["recall"] = AutoLR.Bench.RecallBenchmark.Run,
    ["precision"] = AutoLR.Bench.PrecisionBenchmark.Run,
    ["probe-cost"] = AutoLR.Bench.ProbeCostBenchmark.Run,
    ["projection"] = AutoLR.Bench.ProjectionBenchmark.Run,
    ["frozen"] = AutoLR.Bench.FrozenBenchmark.Run,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: autolr-bench <{string.Join("|", benchmarks.Keys)}> [options]");
    return 2;
}
return run(args[1..]);
