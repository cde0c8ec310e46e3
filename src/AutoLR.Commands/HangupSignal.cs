using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace AutoLR.Commands;

/// <summary>
/// SIGHUP — the terminal closed, the ssh connection dropped, the shell that started the job in the background exited —
/// stops a command as SIGTERM does: the job stops at its next batch, checkpoints and prints its resume line (to the log
/// file when output was redirected). Without this, .NET leaves SIGHUP at its default, which ends the process at once
/// (exit 129) with no checkpoint of the epoch in progress and no resume line. The generic host handles SIGTERM,
/// SIGINT and SIGQUIT itself; SIGHUP is the one it leaves out.
/// </summary>
public static class HangupSignal
{
    /// <summary>Until disposed, SIGHUP stops the host as SIGTERM would, instead of ending the process.</summary>
    public static IDisposable Stops(IHostApplicationLifetime lifetime) =>
        PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            lifetime.StopApplication();
        });
}
