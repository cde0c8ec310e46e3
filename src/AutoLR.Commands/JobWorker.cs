using System.Runtime.InteropServices;
using AutoLR.Experiments;
using AutoLR.Experiments.Progress;
using AutoLR.Runs;
using AutoLR.Runs.Checkpoints;
using AutoLR.Settings;
using AutoLR.RunFormat.Config;
using AutoLR.Torch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoLR.Commands;

/// <summary>
/// The hosted service that runs one job: it creates (or, on resume, reopens) the run directory, runs the job on a
/// dedicated thread with the host's stopping token, records the outcome and stops the host. SIGTERM (systemd) and
/// Ctrl-C stop the host, which cancels the token; the job then checkpoints and returns.
/// </summary>
public sealed partial class JobWorker(
    JobRequest request,
    JobCatalog catalog,
    RunSettings settings,
    CommandEnvironment environment,
    JobOutcome outcome,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger("AutoLR.Worker");
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunJobAsync(stoppingToken);
        }
        catch (Exception e) when (outcome.End == JobEnd.NotStarted)
        {
            // Preparing the run failed in a way nothing above foresaw: say what it was rather than "nothing ran"
            // (with a stack trace only when it is not the system's own I/O message).
            if (e is not (IOException or UnauthorizedAccessException)) LogPreparationFailed(_logger, e, request.Command.Name);
            outcome.Set(JobEnd.Failed, null, $"autolr {request.Command.Name}: the run could not be prepared: {e.Message}");
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task RunJobAsync(CancellationToken stoppingToken)
    {
        var command = request.Command.Name;
        if (!catalog.Has(command))
        {
            outcome.Set(JobEnd.NotAvailable, null,
                $"autolr {command}: no job is registered for this command yet — the training engine is not wired into the host " +
                "(JobCatalog in src/AutoLR.Host/Program.cs). The configuration is valid; nothing ran and no run directory was created.");
            return;
        }

        RunFolder run;
        try
        {
            run = OpenRunFolder(command);
        }
        catch (RunDirectoryInUseException e)
        {
            outcome.Set(JobEnd.Failed, null, $"autolr {command}: {e.Message}");
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RunFolderException)
        {
            outcome.Set(JobEnd.Failed, null,
                $"autolr {command}: cannot prepare the run directory under {Path.GetFullPath(settings.Get(OutputSettings.Output))}: {e.Message} " +
                "Choose a writable folder with --output (AUTOLR__OUTPUT).");
            return;
        }
        using var _ = run;
        if (request.ResumeFolder is not null)
            foreach (var leftover in run.RemoveInterruptedWrites()) LogInterruptedWriteRemoved(_logger, leftover);
        var resume = request.ResumeFolder is null ? null : LoadResumeCheckpoint(run);
        if (resume is { Checkpoint: null, Rejected.Count: > 0 })
        {
            outcome.Set(JobEnd.Failed, run.Path,
                $"autolr {command}: every checkpoint in {run.Checkpoints.Folder} is damaged or unreadable and none was loaded: " +
                string.Join("; ", resume.Rejected.Select(r => $"{Path.GetFileName(r.File)}: {r.Problem}")) +
                ". Delete them to restart the run from its beginning.");
            return;
        }
        var changes = resume?.Checkpoint is { } checkpoint ? RecordedSettings.Changes(checkpoint, settings, RunConfigStore.Grid(run.Path)) : [];
        // A checkpoint from before settings were recorded cannot be compared; the run resumes as it always did.
        if (changes is null) LogSettingsUnrecorded(_logger, resume!.File!);
        if (changes is { Count: > 0 })
        {
            outcome.Set(JobEnd.Refused, run.Path,
                $"autolr {command}: {Path.Combine(run.Path, RunConfigFile.FileName)} no longer matches the settings its checkpoint " +
                $"{Path.GetFileName(resume!.File)} was trained with ({string.Join("; ", changes)}). A resumed run is the same experiment: " +
                "restore those values in config.json, or start a new run with the new settings.");
            return;
        }

        var progress = CreateProgressSink();
        var context = new RunContext
        {
            Command = command,
            Settings = settings,
            Run = run,
            Progress = progress,
            Cancellation = stoppingToken,
            Logger = loggers.CreateLogger($"AutoLR.Jobs.{command}"),
            ResumeFrom = resume?.Checkpoint,
            IsResumed = request.ResumeFolder is not null,
            SourceRun = request.SourceRun,
            Grid = request.Grid,
        };

        LogStarting(_logger, command, run.Path);
        outcome.Set(JobEnd.Running, run.Path);
        try
        {
            var result = await JobThread.Run($"autolr-{command}", () => catalog.Create(command).Run(context));
            progress.Complete();
            if (result.Finished)
            {
                if (result.Report is not null) run.WriteReport(result.Report, command, settings);
                outcome.Set(JobEnd.Completed, run.Path);
                outcome.Summary = result.Summary;
            }
            else
            {
                outcome.Set(JobEnd.Stopped, run.Path);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            progress.Complete();
            outcome.Set(JobEnd.Stopped, run.Path);
        }
        catch (SettingsRefusedException e)
        {
            // Nothing was trained: a new run's directory goes again, so a configuration error leaves nothing behind.
            progress.Complete();
            if (request.ResumeFolder is null) Directory.Delete(run.Path, recursive: true);
            outcome.Set(JobEnd.Refused, request.ResumeFolder is null ? null : run.Path, $"autolr {command}: {e.Message}");
        }
        catch (JobFailure e)
        {
            // The message says what went wrong and how to fix it; a stack trace would only bury it.
            progress.Complete();
            outcome.Set(JobEnd.Failed, run.Path, $"autolr {command} failed: {e.Message} (run directory {run.Path}).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk, a read-only or unreadable folder: the system's message names the file and the cause, and
            // every completed epoch is checkpointed, so the fix is the user's and the run resumes; no stack trace.
            progress.Complete();
            outcome.Set(JobEnd.Failed, run.Path,
                $"autolr {command} failed: {e.Message} Fix the cause (free disk space, make the folder writable or the file readable), " +
                $"then continue with: autolr {command} --resume {ShellWord.Quote(run.Path)}");
        }
        catch (ExternalException e)
        {
            // libtorch refused an operation (most often tensor shapes that do not fit: the input's doing); its own
            // first line says what, the native frames after it would bury that.
            progress.Complete();
            outcome.Set(JobEnd.Failed, run.Path,
                $"autolr {command} failed: libtorch: {NativeErrorText.Summary(e.Message)} (run directory {run.Path}). " +
                "Check that the weights and the data fit the backbone (--backbone, --weights, --image-size).");
        }
        catch (Exception e)
        {
            progress.Complete();
            LogJobFailed(_logger, e, command, run.Path);
            outcome.Set(JobEnd.Failed, run.Path, $"autolr {command} failed: {e.Message} (run directory {run.Path}).");
        }
    }

    private RunFolder OpenRunFolder(string command)
    {
        if (request.ResumeFolder is not null) return RunFolder.Open(request.ResumeFolder);
        var run = RunFolder.Create(settings.Get(OutputSettings.Output), command, time.GetUtcNow(), out var id);
        RunConfigStore.Write(run.Path, new RunIdentity(id, command, time.GetUtcNow(), request.SourceRun, request.GridText), settings);
        return run;
    }

    private CheckpointLoad LoadResumeCheckpoint(RunFolder run)
    {
        var load = run.Checkpoints.LoadLatest();
        foreach (var rejected in load.Rejected) LogCheckpointRejected(_logger, rejected.File, rejected.Problem);
        if (load.File is not null) LogResuming(_logger, load.File);
        else if (load.Rejected.Count == 0) LogNoCheckpoint(_logger, run.Path);
        return load;
    }

    private IProgressSink CreateProgressSink() =>
        environment.OutputIsTerminal
            ? new TerminalProgressBar(environment.Out, time)
            : new LogProgressSink(loggers.CreateLogger("AutoLR.Progress"), time, TimeSpan.FromSeconds(10));

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {Command} in {RunFolder}")]
    private static partial void LogStarting(ILogger logger, string command, string runFolder);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Command}: preparing the run failed")]
    private static partial void LogPreparationFailed(ILogger logger, Exception exception, string command);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Command} failed; run directory {RunFolder}")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string command, string runFolder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint {File} is damaged or unreadable and was skipped: {Problem}")]
    private static partial void LogCheckpointRejected(ILogger logger, string file, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint {File} was written before autolr recorded settings in checkpoints; an edited config.json cannot be detected for this resume")]
    private static partial void LogSettingsUnrecorded(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {File}, left by a write that was interrupted")]
    private static partial void LogInterruptedWriteRemoved(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming from checkpoint {File}")]
    private static partial void LogResuming(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "No checkpoint in {RunFolder} yet; the resumed run starts from its beginning")]
    private static partial void LogNoCheckpoint(ILogger logger, string runFolder);
}
