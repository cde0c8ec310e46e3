namespace AutoLR.Commands;

/// <summary>
/// Runs a job on its own thread rather than the thread pool: TorchSharp dispose scopes and no_grad are per thread
/// (DESIGN.md §5), a long CPU-bound loop must not starve the pool the host's signal handling uses, and the job can
/// stay synchronous.
/// </summary>
public static class JobThread
{
    public static Task<T> Run<T>(string name, Func<T> body)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(body());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            Name = name,
            // A job that ignores cancellation past the host's shutdown timeout must not keep the process alive.
            IsBackground = true,
        };
        thread.Start();
        return completion.Task;
    }
}
