namespace AutoLR.Settings;

/// <summary>
/// <c>--threads 0</c> means this machine's core count, resolved once at start so that config.json and results.json
/// record the number that ran. libtorch's CPU kernels split reductions by thread, so another thread count sums in
/// another order and ends with other weights (measured in issue 10, case 2): the count is part of the experiment,
/// and a resume may not change it. A comparison that runs <see cref="TrainingSettings.Jobs"/> processes side by side
/// shares the cores between them: each gets the core count ÷ jobs (at least one).
/// </summary>
public static class ThreadCount
{
    public static void Resolve(TrainingSettings training)
    {
        if (training.Threads == 0) training.Threads = Math.Clamp(Environment.ProcessorCount / Math.Max(1, training.Jobs), 1, 1024);
    }
}
