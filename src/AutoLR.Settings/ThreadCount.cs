namespace AutoLR.Settings;

/// <summary>
/// <c>--threads 0</c> means this machine's core count, resolved once at start so that config.json and results.json
/// record the number that ran. libtorch's CPU kernels split reductions by thread, so another thread count sums in
/// another order and ends with other weights (measured in issue 10, case 2): the count is part of the experiment,
/// and a resume may not change it.
/// </summary>
public static class ThreadCount
{
    public static void Resolve(TrainingSettings training)
    {
        if (training.Threads == 0) training.Threads = Math.Min(Environment.ProcessorCount, 1024);
    }
}
