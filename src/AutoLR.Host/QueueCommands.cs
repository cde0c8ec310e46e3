using AutoLR.Torch.Devices;
using System.CommandLine;
using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Queue;
using AutoLR.Settings;

namespace AutoLR.Host;

/// <summary>The queue's commands: `enqueue --queue DIR COMMAND ...`, `worker --queue DIR` and `queue status DIR`.</summary>
public static class QueueCommands
{
    public static IEnumerable<Command> Build(CommandEnvironment environment, JobCatalog catalog)
    {
        yield return Enqueue(environment, catalog);
        yield return Worker(environment);
        yield return Status(environment);
    }

    private static Command Enqueue(CommandEnvironment environment, JobCatalog catalog)
    {
        var queue = QueueOption();
        queue.Recursive = true;
        var enqueue = new Command("enqueue",
            "Check a job exactly as `autolr COMMAND SWITCHES` would and add it to a queue folder for `autolr worker`; " +
            "an invalid job is refused with exit code 2 and nothing is written. Leave out --output and --device: the worker decides those.");
        enqueue.Options.Add(queue);
        foreach (var spec in CommandCatalog.All)
            enqueue.Subcommands.Add(AutoLrCommandLine.BuildCommand(spec, environment, (input, parsed) =>
            {
                if (input.Handoff is null) return JobEnqueue.RunAsync(parsed.GetValue(queue)!, input, environment, catalog);
                // A worker runs a queued sweep here, cell after cell; a Slurm sweep is submitted to Slurm directly.
                environment.Error.WriteLine("autolr: configuration error: enqueue takes no --slurm: run `autolr sweep --slurm ...` to submit a sweep to Slurm, or enqueue it without --slurm to run it on this worker.");
                return Task.FromResult(ExitCodes.InvalidConfiguration);
            }));
        return enqueue;
    }

    private static Command Worker(CommandEnvironment environment)
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
        var worker = new Command("worker",
            "Run the jobs of a queue folder one at a time, oldest first: resume a job a stopped worker left in running/, " +
            "then claim pending ones; each ends in done/ (with its run directory) or failed/ (with its error). SIGTERM stops " +
            "the current job at a checkpoint and leaves it for resume. Several workers may share a queue.")
        {
            queue, device, untilEmpty,
        };
        worker.SetAction((parsed, _) =>
        {
            var deviceText = parsed.GetValue(device);
            if (deviceText is not null && !DeviceSettings.DevicePattern().IsMatch(deviceText))
            {
                environment.Error.WriteLine($"autolr: configuration error: --device = {deviceText} is not understood: use cpu, cuda or cuda:N.");
                return Task.FromResult(ExitCodes.InvalidConfiguration);
            }
            return WorkerRunner.RunAsync(new WorkerRequest(new QueueFolder(parsed.GetValue(queue)!), deviceText, parsed.GetValue(untilEmpty)), environment);
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
