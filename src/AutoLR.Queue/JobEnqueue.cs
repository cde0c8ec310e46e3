using AutoLR.Algorithms;
using System.Globalization;
using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Settings;
using AutoLR.Torch.Devices;

namespace AutoLR.Queue;

/// <summary>
/// `autolr enqueue --queue DIR COMMAND SWITCHES`: checks the job exactly as `autolr COMMAND SWITCHES` would before
/// running it (the same parser, configuration layers, audit and options validation), so a bad job is refused now
/// with exit code 2 and nothing is written; a good one becomes one job file in pending/, written whole.
/// </summary>
public static class JobEnqueue
{
    public static async Task<int> RunAsync(string queueFolder, CommandInput input, CommandEnvironment environment, JobCatalog catalog)
    {
        var checkedCode = await CheckAsync(input, environment, catalog);
        if (checkedCode != ExitCodes.Success) return checkedCode;

        var now = DateTimeOffset.UtcNow;
        var queue = new QueueFolder(queueFolder);
        try
        {
            queue.Prepare();
            // The name sorts by enqueue time (to the 100 ns tick), so pending/ lists jobs in the order they came.
            var name = $"{now.UtcDateTime.ToString("yyyyMMdd-HHmmss-fffffff", CultureInfo.InvariantCulture)}-{input.Command.Name}-{Guid.NewGuid().ToString("N")[..6]}";
            new QueuedJob(input.Command.Name, Arguments(input), Environment.CurrentDirectory, now).WriteTo(QueueFolder.JobFile(queue.Pending, name));
            environment.Out.WriteLine($"autolr enqueue: {name} added to {queue.Pending}");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            environment.Error.WriteLine($"autolr enqueue: cannot write to the queue {queue.Path}: {e.Message} Give a writable folder with --queue.");
            return ExitCodes.JobFailed;
        }
    }

    /// <summary>
    /// Every check a job passes before it is queued — and, by the worker, again before it runs: the switches a queued
    /// job may not carry, then everything `autolr COMMAND SWITCHES` checks before running (exit code 2 and one message
    /// per problem on <paramref name="environment"/>'s error stream when it fails).
    /// </summary>
    public static async Task<int> CheckAsync(CommandInput input, CommandEnvironment environment, JobCatalog catalog)
    {
        if (Refusal(input) is { } refusal)
        {
            environment.Error.WriteLine($"autolr: configuration error: {refusal}");
            environment.Error.WriteLine("autolr: nothing was enqueued (exit code 2).");
            return ExitCodes.InvalidConfiguration;
        }
        return await CommandRunner.RunAsync(input with { CheckOnly = true }, environment, catalog);
    }

    /// <summary>
    /// The switches a queued job may not carry: the worker decides where each job's run goes
    /// (<see cref="SettingRole.Placement"/>) and what it computes on (<see cref="SettingRole.Compute"/>).
    /// </summary>
    private static string? Refusal(CommandInput input)
    {
        if (input.Handoff is not null)
            // A worker runs a queued sweep here, cell after cell; a Slurm sweep is submitted to Slurm directly.
            return "a queued job takes no --slurm: run `autolr sweep --slurm ...` to submit a sweep to Slurm, or enqueue it without --slurm to run it on this worker.";
        if (input.Resume is not null)
            return "--resume has no place in a queued job: a worker resumes its own interrupted jobs. Enqueue the job as it first ran.";
        foreach (var setting in input.Command.Settings.Where(s => input.Switches.ContainsKey(s.ConfigKey)))
            switch (setting.Role)
            {
                case SettingRole.Placement:
                    return $"{setting.Switch} has no place in a queued job: the worker writes each job's run directory under QUEUE/runs/JOB/. Leave {setting.Switch} out.";
                case SettingRole.Compute when setting == DeviceSettings.Device:
                    return $"{setting.Switch} has no place in a queued job: each worker runs on its own device. Leave {setting.Switch} out and start the worker with `autolr worker --device cuda:N`.";
                case SettingRole.Compute:
                    return $"{setting.Switch} has no place in a queued job: a worker runs one job at a time, each as one process. Leave {setting.Switch} out, " +
                           "or run the command outside the queue.";
            }
        return null;
    }

    /// <summary>
    /// The job's switches as the command line takes them, in the catalogue's order; --from made absolute. What a job
    /// file holds and what a worker runs once the job has passed <see cref="CheckAsync"/>.
    /// </summary>
    public static List<string> Arguments(CommandInput input)
    {
        var arguments = new List<string>();
        foreach (var setting in input.Command.Settings)
            if (input.Switches.TryGetValue(setting.ConfigKey, out var value))
                arguments.AddRange([setting.Switch, value ?? ""]);
        if (input.From is not null) arguments.AddRange(["--from", Path.GetFullPath(input.From)]);
        if (input.Grid is not null) arguments.AddRange(["--grid", input.Grid]);
        return arguments;
    }
}
