namespace AutoLR.Queue.Monitoring;

/// <summary>What a worker is doing: starting, waiting for jobs, running one, or stopping (SIGTERM, Ctrl-C, a fatal error).</summary>
public enum WorkerState { Starting, Idle, Running, Stopping }

/// <summary>
/// The worker's state and the job it holds, set by <see cref="QueueWorker"/> as it goes and read by its metrics and
/// health check from other threads. Stopping is final: nothing the loop does while it winds down makes it look healthy again.
/// </summary>
public sealed class WorkerActivity(QueueFolder queue)
{
    private readonly Lock _gate = new();
    private WorkerState _state = WorkerState.Starting;
    private string? _job;

    public QueueFolder Queue => queue;

    /// <summary>The state and the job held (null unless running), read together.</summary>
    public (WorkerState State, string? Job) Now
    {
        get
        {
            lock (_gate) return (_state, _job);
        }
    }

    public void Idle() => Set(WorkerState.Idle, null);

    public void Running(string job) => Set(WorkerState.Running, job);

    /// <summary>The job (if any) stays named while it checkpoints.</summary>
    public void Stopping()
    {
        lock (_gate) _state = WorkerState.Stopping;
    }

    private void Set(WorkerState state, string? job)
    {
        lock (_gate)
        {
            if (_state == WorkerState.Stopping) return;
            (_state, _job) = (state, job);
        }
    }
}
