using System.Net.Sockets;
using AutoLR.Commands;
using AutoLR.Queue.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace AutoLR.Queue;

/// <summary>
/// Starts the generic host around <see cref="QueueWorker"/>: under systemd (a notify service) it reports READY once
/// started and STATUS per job; SIGTERM and Ctrl-C stop it after the current job has checkpointed. Its state is
/// published on the meter <see cref="WorkerMeter.Name"/> and, when asked, served on a loopback port
/// (<see cref="MetricsEndpoint"/>) from before the worker starts until after it has stopped.
/// </summary>
public static partial class WorkerRunner
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
        var activity = new WorkerActivity(request.Queue);
        using var meter = new WorkerMeter(activity);
        builder.Services.AddSingleton(request);
        builder.Services.AddSingleton(activity);
        builder.Services.AddSingleton<WorkerExit>();
        builder.Services.AddSingleton(environment);
        builder.Services.AddHostedService<QueueWorker>();
        using var host = builder.Build();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var hangup = HangupSignal.Stops(lifetime);
        using var stopping = lifetime.ApplicationStopping.Register(activity.Stopping);
        var exit = host.Services.GetRequiredService<WorkerExit>();
        using var scrape = request.Metrics is null ? null : new MeterScrape(WorkerMeter.Name);
        MetricsEndpoint? endpoint = null;
        if (request.Metrics is { } address)
        {
            try
            {
                endpoint = MetricsEndpoint.Start(address, scrape!, () => WorkerHealth.Of(activity));
            }
            catch (SocketException e)
            {
                environment.Error.WriteLine(
                    $"autolr worker: the metrics endpoint cannot listen on {address.Url}: {e.Message}. " +
                    $"Choose a free port with {MetricsAddress.PortSwitch} (is another worker using this one?).");
                return ExitCodes.JobFailed;
            }
            LogServing(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AutoLR.Queue"),
                new Uri(address.Url, MetricsEndpoint.MetricsPath), new Uri(address.Url, MetricsEndpoint.HealthPath));
        }
        try
        {
            await host.RunAsync();
        }
        finally
        {
            if (endpoint is not null) await endpoint.DisposeAsync();
        }
        return exit.Code;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving metrics at {MetricsUrl} and health at {HealthUrl}")]
    private static partial void LogServing(ILogger logger, Uri metricsUrl, Uri healthUrl);
}
