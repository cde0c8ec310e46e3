using AutoLR.Torch.Devices;
using System.CommandLine;
using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Queue;
using AutoLR.Queue.Monitoring;
using AutoLR.Settings;
using Microsoft.Extensions.Logging;

namespace AutoLR.Host;

/// <summary>The queue's commands: `enqueue --queue DIR COMMAND ...`, `worker --queue DIR` and `queue status DIR`.</summary>
public static class QueueCommands
{
    public static IEnumerable<Command> Build(CommandEnvironment environment, JobCatalog catalog)
    {
        yield return Enqueue(environment, catalog);
        yield return Worker(environment, catalog);
        yield return Status(environment);
    }

    private static Command Enqueue(CommandEnvironment environment, JobCatalog catalog) =>
        EnqueueCommand(environment, (queue, input) => JobEnqueue.RunAsync(queue, input, environment, catalog));

    /// <summary>
    /// `enqueue --queue DIR COMMAND SWITCHES`: one subcommand per job command, parsed as that command parses, handed to
    /// <paramref name="accept"/> with the queue folder. Enqueueing a job and the worker's check of a queued one both go
    /// through here, so they parse alike.
    /// </summary>
    private static Command EnqueueCommand(CommandEnvironment environment, Func<string, CommandInput, Task<int>> accept)
    {
        var queue = QueueOption();
        queue.Recursive = true;
        var enqueue = new Command("enqueue",
            "Check a job exactly as `autolr COMMAND SWITCHES` would and add it to a queue folder for `autolr worker`; " +
            "an invalid job is refused with exit code 2 and nothing is written. Leave out --output and --device: the worker decides those.");
        enqueue.Options.Add(queue);
        foreach (var spec in CommandCatalog.All)
            enqueue.Subcommands.Add(AutoLrCommandLine.BuildCommand(spec, environment, (input, parsed) => accept(parsed.GetValue(queue)!, input)));
        return enqueue;
    }

    /// <summary>
    /// The worker's <see cref="JobCheck"/>: the job's command line parsed by `enqueue`'s parser and checked by
    /// <see cref="JobEnqueue.CheckAsync"/>, its messages kept for the job's record; on success, the switches as enqueue
    /// writes them, which are what the worker runs.
    /// </summary>
    private static JobCheck Recheck(QueueFolder queue, CommandEnvironment environment, JobCatalog catalog) => async job =>
    {
        var messages = new StringWriter();
        var quiet = environment with { Out = TextWriter.Null, Error = messages, ConfigureLogging = logging => logging.ClearProviders() };
        IReadOnlyList<string>? arguments = null;
        var root = new RootCommand
        {
            EnqueueCommand(quiet, async (_, input) =>
            {
                var code = await JobEnqueue.CheckAsync(input, quiet, catalog);
                if (code == ExitCodes.Success) arguments = JobEnqueue.Arguments(input);
                return code;
            }),
        };
        var exit = await AutoLrCommandLine.InvokeAsync(root, ["enqueue", "--queue", queue.Path, job.Command, .. job.Arguments], quiet);
        // Help (`--help` among the arguments) exits 0 without running anything: that is no job either.
        return exit == ExitCodes.Success && arguments is null
            ? new CheckedJob(ExitCodes.InvalidConfiguration, null, "autolr: configuration error: its arguments ask for help, not for a job.")
            : new CheckedJob(exit, exit == ExitCodes.Success ? arguments : null, messages.ToString());
    };

    private static Command Worker(CommandEnvironment environment, JobCatalog catalog)
    {
        var queue = QueueOption();
        var device = new Option<string>("--device")
        {
            HelpName = "cpu|cuda|cuda:N",
            Description = "The device every job of this worker runs on (one worker per GPU). Default: each job's own setting.",
        };
        var untilEmpty = new Option<bool>("--until-empty")
        {
            Description = "Exit once no job is pending or abandoned, instead of waiting for new ones (for batch scripts and CI).",
        };
        var metricsPort = new Option<int?>(MetricsAddress.PortSwitch)
        {
            HelpName = "PORT",
            Description = $"Serve the worker's metrics (Prometheus text format, {MetricsEndpoint.MetricsPath}) and health ({MetricsEndpoint.HealthPath}: " +
                          $"200, or 503 while stopping) over HTTP on this port of the loopback address, e.g. {MetricsAddress.ExamplePort}. Default: off.",
        };
        var metricsAddress = new Option<string>(MetricsAddress.AddressSwitch)
        {
            HelpName = "ADDRESS",
            Description = $"The loopback address {MetricsAddress.PortSwitch} listens on (127.0.0.1 or ::1; default 127.0.0.1). Other addresses are " +
                          "refused: the endpoint has no authentication; reach it from elsewhere through a reverse proxy or an SSH tunnel.",
        };
        var worker = new Command("worker",
            "Run the jobs of a queue folder one at a time, oldest first: resume a job a stopped worker left in running/, " +
            "then claim pending ones; each ends in done/ (with its run directory) or failed/ (with its error). SIGTERM stops " +
            "the current job at a checkpoint and leaves it for resume. Several workers may share a queue.")
        {
            queue, device, untilEmpty, metricsPort, metricsAddress,
        };
        worker.SetAction((parsed, _) =>
        {
            var deviceText = parsed.GetValue(device);
            if (deviceText is not null && !DeviceSettings.DevicePattern().IsMatch(deviceText))
            {
                environment.Error.WriteLine($"autolr: configuration error: --device = {deviceText} is not understood: use cpu, cuda or cuda:N.");
                return Task.FromResult(ExitCodes.InvalidConfiguration);
            }
            // Refused before the queue is touched: every job would fail on it, and systemd would restart the worker in vain.
            if (deviceText is not null && TorchBackend.CannotRun(deviceText) is { } unbuilt)
            {
                environment.Error.WriteLine($"autolr: configuration error: --device = '{deviceText}': {unbuilt}");
                return Task.FromResult(ExitCodes.InvalidConfiguration);
            }
            var (metrics, metricsError) = MetricsAddress.Parse(parsed.GetValue(metricsPort), parsed.GetValue(metricsAddress));
            if (metricsError is not null)
            {
                environment.Error.WriteLine($"autolr: configuration error: {metricsError}");
                return Task.FromResult(ExitCodes.InvalidConfiguration);
            }
            var folder = new QueueFolder(parsed.GetValue(queue)!);
            return WorkerRunner.RunAsync(
                new WorkerRequest(folder, deviceText, parsed.GetValue(untilEmpty), Recheck(folder, environment, catalog), metrics), environment);
        });
        return worker;
    }

    private static Command Status(CommandEnvironment environment)
    {
        var folder = new Argument<string>("QUEUE") { Description = "The queue folder." };
        var status = new Command("status", "List the queue's pending, running (with progress), done and failed jobs.") { folder };
        status.SetAction(parsed => QueueStatus.Print(parsed.GetValue(folder)!, environment));
        return new Command("queue", "Inspect a queue folder.") { status };
    }

    private static Option<string> QueueOption() => new("--queue")
    {
        HelpName = "DIR",
        Required = true,
        Description = "The queue folder (created if missing): pending/, running/, done/, failed/, and runs/ for the jobs' run directories.",
    };
}
