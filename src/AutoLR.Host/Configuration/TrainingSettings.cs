namespace AutoLR.Host.Configuration;

/// <summary>
/// How fine-tuning runs: schedule, base learning rate, epochs, batch and image size, device, threads and seed.
/// The defaults size the embedded default run (Fashion-MNIST, 64 px, few epochs) to finish in minutes on 2 cores;
/// they are provisional and meant to be tuned.
/// </summary>
public sealed class TrainingSettings
{
    public string Schedule { get; set; } = "autolr";
    public double BaseLr { get; set; } = 0.01;
    public int Epochs { get; set; } = 3;
    public int BatchSize { get; set; } = 32;
    public int ImageSize { get; set; } = 64;
    /// <summary>Top blocks removed before fine-tuning (finetune, sweep); the engine checks it against K.</summary>
    public int PruningDepth { get; set; }
    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>; only the syntax is checked at start, the engine checks the GPU.</summary>
    public string Device { get; set; } = "cpu";
    /// <summary>0 lets libtorch choose.</summary>
    public int Threads { get; set; }
    public int Seed { get; set; } = 1;
}
