namespace AutoLR.Queue;

/// <summary>What `autolr worker` was asked: which queue, on which device, and whether to end when the queue is empty.</summary>
public sealed record WorkerRequest(QueueFolder Queue, string? Device, bool UntilEmpty);
