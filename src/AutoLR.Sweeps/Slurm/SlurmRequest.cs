namespace AutoLR.Sweeps.Slurm;

/// <summary>
/// What `sweep --slurm` asks of the cluster. Null fields are left to the cluster's defaults (the partition's time
/// limit, memory per CPU, default account). <c>MaxParallel</c> is the array's <c>%P</c> (null: no limit);
/// <c>WarningSeconds</c> how long before the time limit Slurm sends the warning signal, in which one batch, one
/// checkpoint and the up to 60 s by which Slurm may send it early must fit; <c>DryRun</c> writes and prints the
/// script and submits nothing.
/// </summary>
public sealed record SlurmRequest(
    string? Partition, string? Time, string? Gpus, int Cpus, string? Mem, string? Account, int? MaxParallel, int WarningSeconds, bool DryRun)
{
    /// <summary>60 s of early delivery plus a margin for one batch and one checkpoint.</summary>
    public const int MinWarningSeconds = 90;

    public const int DefaultWarningSeconds = 180;
}
