using AutoLR.Algorithms;
using AutoLR.Experiments;
using AutoLR.Settings;
using AutoLR.Settings.Grids;
using AutoLR.Torch.Devices;
using AutoLR.Torch.Weights;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AutoLR.Commands;

/// <summary>
/// What the command line parsed for one command: its switches as configuration keys, its run-directory arguments,
/// and what runs in the job's place (<see cref="CommandHandoff"/>: for sweep, a Slurm submission; null to run here).
/// <paramref name="CheckOnly"/>: validate exactly as before a run (exit code 2 on a problem), then stop without running.
/// </summary>
public sealed record CommandInput(
    CommandSpec Command, IReadOnlyDictionary<string, string?> Switches, string? Resume, string? From, string? Grid,
    bool CheckOnly = false, CommandHandoff? Handoff = null);

/// <summary>
/// Runs one command: stacks the configuration layers, audits and validates them (exit code 2 before any work),
/// then starts the host whose <see cref="JobWorker"/> runs the job, and turns the outcome into a message and an exit code.
/// </summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(CommandInput input, CommandEnvironment environment, JobCatalog catalog)
    {
        var command = input.Command;
        StoredRunSettings? stored = null;
        var storedFolder = input.Resume ?? input.From;
        if (storedFolder is not null &&
            StoredRunRules.TryLoad(command, storedFolder, input.Resume is not null, input.Switches, out stored) is { } storedError)
            return Invalid(environment, storedError);

        IReadOnlyList<SweepAxis> grid = [];
        if (command.TakesGrid && input.Resume is null)
        {
            if (input.Grid is null) return Invalid(environment, "--grid is required for sweep; write e.g. --grid \"alpha=1,2,4;beta=0.2,0.4\".");
            if (SweepAxis.TryParse(input.Grid, out grid) is { } gridError) return Invalid(environment, gridError);
        }

        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "autolr",
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (stored is null && ConfigurationLayers.AppSettingsProblem(environment.AppSettingsFile) is { } unusable)
            return Invalid(environment, unusable);
        IReadOnlyList<string> notes;
        try
        {
            notes = ConfigurationLayers.Apply(builder.Configuration, environment.AppSettingsFile, environment.Variables, stored, input.Switches);
        }
        catch (InvalidDataException e)
        {
            return Invalid(environment,
                // The JSON reader's own message (the innermost one) says where: "LineNumber: 3 | BytePositionInLine: 17".
                $"{environment.AppSettingsFile} is not valid JSON: {e.GetBaseException().Message} " +
                "Fix the file (it ships with every setting's default; `autolr defaults` prints that file), " +
                "or delete it to use the built-in defaults.");
        }
        foreach (var note in notes) environment.Error.WriteLine($"autolr: note: {note}");
        if (ConfigurationAudit.Check(builder.Configuration) is { Count: > 0 } problems)
            return Invalid(environment, problems);
        SettingValues values;
        IReadOnlyList<string> invalid;
        var origin = new SettingOrigin(builder.Configuration);
        try
        {
            values = SettingsBinding.Resolve(SettingsBinding.Bind(builder.Configuration));
            invalid = SettingsValidation.Problems(values, origin);
        }
        catch (WeightImportException e)
        {
            // Resolving and checking the settings reads the shipped backbone's geometry (its ONNX files); an install
            // without them is broken, not misconfigured: one line naming the file and the fix, and nothing written.
            environment.Error.WriteLine($"autolr: {e.Message}");
            return ExitCodes.JobFailed;
        }
        if (invalid.Count > 0)
            return Invalid(environment, invalid);
        if (UnbuiltDevice(values, origin) is { } unbuilt)
        {
            environment.Error.WriteLine($"autolr: configuration error: {unbuilt}");
            return ExitCodes.InvalidConfiguration;
        }
        if (grid.Count > 0 && SweepPointValidation.Check(builder.Configuration, grid) is { Count: > 0 } gridProblems)
            return Invalid(environment, gridProblems);

        var settings = new RunSettings(values);
        builder.Services.AddSingleton(settings);
        ConfigureLogging(builder.Logging, environment);
        builder.Services.AddSystemd();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        // Long enough for a job to reach its next batch boundary and write a checkpoint after SIGTERM, and shorter
        // than systemd's default TimeoutStopSec (90 s), so a stuck job is reported before systemd kills the process.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(80));
        builder.Services.AddSingleton(new JobRequest(command, input.Resume, input.From is null ? null : Path.GetFullPath(input.From), grid, input.Grid));
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(environment);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<JobOutcome>();
        if (!input.CheckOnly) builder.Services.AddHostedService<JobWorker>();

        if (input.Handoff is not null) return input.Handoff(input, grid, settings, environment);
        using var host = builder.Build();
        using var hangup = HangupSignal.Stops(host.Services.GetRequiredService<IHostApplicationLifetime>());
        await host.StartAsync();
        if (input.CheckOnly)
        {
            await host.StopAsync();
            return ExitCodes.Success;
        }
        // A sweep cell's warning signal stops the job as SIGTERM does: at the next batch, with a checkpoint.
        using var stop = environment.StopRequested.Register(() => host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication());
        await host.WaitForShutdownAsync();
        return Report(host.Services.GetRequiredService<JobOutcome>(), command, environment);
    }

    private static int Report(JobOutcome outcome, CommandSpec command, CommandEnvironment environment)
    {
        RunRecord.Write(environment, outcome.RunFolder, outcome.End);
        switch (outcome.End)
        {
            case JobEnd.Completed:
                if (outcome.Summary is not null) environment.Out.WriteLine(outcome.Summary);
                environment.Out.WriteLine($"autolr {command.Name}: finished; results in {outcome.RunFolder}");
                return ExitCodes.Success;
            case JobEnd.Stopped:
                environment.Out.WriteLine($"autolr {command.Name}: stopped at a safe point; resume with: autolr {command.Name} --resume {ShellWord.Quote(outcome.RunFolder!)}");
                return ExitCodes.Success;
            case JobEnd.NotAvailable:
                environment.Error.WriteLine(outcome.Message);
                return ExitCodes.JobNotAvailable;
            case JobEnd.Running:
                environment.Error.WriteLine(
                    $"autolr {command.Name}: the job did not reach a safe point within the shutdown timeout and was abandoned; " +
                    $"resume from its newest checkpoint with: autolr {command.Name} --resume {ShellWord.Quote(outcome.RunFolder!)}");
                return ExitCodes.JobFailed;
            case JobEnd.Refused:
                environment.Error.WriteLine(outcome.Message);
                return ExitCodes.InvalidConfiguration;
            case JobEnd.NotStarted:
                environment.Error.WriteLine($"autolr {command.Name}: stopped before the job started; nothing ran.");
                return ExitCodes.JobFailed;
            default:
                environment.Error.WriteLine(outcome.Message);
                return ExitCodes.JobFailed;
        }
    }

    /// <summary>Log lines on stderr, single-line with UTC time (or the caller's logging, in tests); also the worker's.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging, CommandEnvironment environment)
    {
        logging.SetMinimumLevel(LogLevel.Information);
        // The host would log a configuration error as a start-up failure with a stack trace; the command line
        // reports it itself, naming the key, so the host's own lifecycle messages are left out.
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        if (environment.ConfigureLogging is not null)
        {
            environment.ConfigureLogging(logging);
            return;
        }
        // Logs go to stderr so that stdout carries only the progress bar and the final line.
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
            o.UseUtcTimestamp = true;
        });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>
    /// A valid device this binary cannot open: CUDA on a CPU build (<see cref="TorchBackend.CannotRun"/>). Reported on
    /// one line without the pointer to --help that follows a bad value: no other value in range fixes it, another build does.
    /// </summary>
    private static string? UnbuiltDevice(SettingValues values, SettingOrigin origin)
    {
        var device = values.Get(DeviceSettings.Device);
        return TorchBackend.CannotRun(device) is { } reason ? $"{origin.Describe(DeviceSettings.Device)} = '{device}': {reason}" : null;
    }

    private static int Invalid(CommandEnvironment environment, string message) => Invalid(environment, [message]);

    private static int Invalid(CommandEnvironment environment, IEnumerable<string> messages)
    {
        foreach (var message in messages) environment.Error.WriteLine($"autolr: configuration error: {message}");
        environment.Error.WriteLine("autolr: nothing ran (exit code 2). See `autolr <command> --help` for every setting and its range.");
        return ExitCodes.InvalidConfiguration;
    }
}
