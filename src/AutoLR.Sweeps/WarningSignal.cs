using System.Runtime.InteropServices;

namespace AutoLR.Sweeps;

/// <summary>
/// Slurm's early warning (<c>--signal=B:USR2@N</c>): SIGUSR2 to the batch shell, which is the cell itself since the
/// script execs it. Its default action would kill the process, so the cell listens from its first moment; the signal
/// then stops the job at its next batch like SIGTERM, and marks that the cell should requeue itself.
/// </summary>
public sealed class WarningSignal : IDisposable
{
    /// <summary>SIGUSR2 on Linux; PosixSignal has no name for it, raw numbers are accepted.</summary>
    private const int SigUsr2 = 12;

    private readonly CancellationTokenSource _received = new();
    private readonly PosixSignalRegistration _registration;

    public WarningSignal()
    {
        _registration = PosixSignalRegistration.Create((PosixSignal)SigUsr2, context =>
        {
            context.Cancel = true;
            _received.Cancel();
        });
    }

    public CancellationToken Token => _received.Token;
    public bool Received => _received.IsCancellationRequested;

    public void Dispose()
    {
        _registration.Dispose();
        _received.Dispose();
    }
}
