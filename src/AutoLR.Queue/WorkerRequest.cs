using AutoLR.Queue.Monitoring;

namespace AutoLR.Queue;

/// <summary>
/// What `autolr worker` was asked: which queue, on which device, whether to end when the queue is empty, how each
/// job is checked before it runs (<see cref="JobCheck"/>), and where to serve its metrics and health (null: nowhere).
/// </summary>
public sealed record WorkerRequest(QueueFolder Queue, string? Device, bool UntilEmpty, JobCheck Check, MetricsAddress? Metrics = null);
