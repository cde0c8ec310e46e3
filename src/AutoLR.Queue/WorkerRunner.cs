using AutoLR.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace AutoLR.Queue;

/// <summary>
/// Starts the generic host around <see cref="QueueWorker"/>: under systemd (a notify service) it reports READY once
/// started and STATUS per job; SIGTERM and Ctrl-C stop it after the current job has checkpointed.
/// </summary>
public static class WorkerRunner
{
    /// <summary>
    /// Longer than a job process's own shutdown timeout (80 s, CommandRunner), so the worker outlasts its job's
    /// checkpoint; the unit's TimeoutStopSec is longer still.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(100);

    public static async Task<int> RunAsync(WorkerRequest request, CommandEnvironment environment)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "autolr",
            ContentRootPath = AppContext.BaseDirectory,
        });
        CommandRunner.ConfigureLogging(builder.Logging, environment);
        builder.Services.AddSystemd();
        // AddSystemd registers the notifier only under systemd; outside it this one is simply disabled (no NOTIFY_SOCKET).
        builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton(request);
        builder.Services.AddSingleton<WorkerExit>();
        builder.Services.AddSingleton(environment);
        builder.Services.AddHostedService<QueueWorker>();
        using var host = builder.Build();
        using var hangup = HangupSignal.Stops(host.Services.GetRequiredService<IHostApplicationLifetime>());
        var exit = host.Services.GetRequiredService<WorkerExit>();
        await host.RunAsync();
        return exit.Code;
    }
}
