namespace AutoLR.Queue;

/// <summary>
/// What `autolr worker` was asked: which queue, on which device, whether to end when the queue is empty, and how each
/// job is checked before it runs (<see cref="JobCheck"/>).
/// </summary>
public sealed record WorkerRequest(QueueFolder Queue, string? Device, bool UntilEmpty, JobCheck Check);
