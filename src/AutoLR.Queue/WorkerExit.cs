using AutoLR.Commands;

namespace AutoLR.Queue;

/// <summary>The worker's exit code, set by <see cref="QueueWorker"/> and read once the host has stopped.</summary>
public sealed class WorkerExit
{
    public int Code { get; set; } = ExitCodes.Success;
}
