namespace AutoLR.Experiments;

/// <summary>
/// The work behind one command. The host validates settings, prepares the run directory and calls
/// <see cref="Run"/> on a dedicated thread (TorchSharp scopes are per thread, DESIGN.md §5), so the job is
/// synchronous and may keep tensors in thread-local scopes. The job checks <see cref="RunContext.Cancellation"/> at
/// batch boundaries; when it is cancelled the job writes a checkpoint and returns <see cref="JobResult.Stopped"/>
/// (or throws <see cref="OperationCanceledException"/>), and the host tells the user how to resume.
/// </summary>
public interface IJob
{
    JobResult Run(RunContext context);
}

/// <summary>A job given as a delegate, for jobs that need no state of their own.</summary>
public sealed class DelegateJob(Func<RunContext, JobResult> run) : IJob
{
    public JobResult Run(RunContext context) => run(context);
}
