using AutoLR.Commands;
using AutoLR.Queue.Monitoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace AutoLR.Queue;

/// <summary>
/// The long-running worker: first adopts a job left in running/ by a worker that ended (resuming it), else claims
/// the oldest pending job, runs it to its end as a child `autolr`, and records it in done/ or failed/; one job at a
/// time, one log line per transition, systemd STATUS kept current. SIGTERM stops the current job at its next batch
/// (it checkpoints) and leaves it in running/, where the next worker to start resumes it.
/// </summary>
public sealed partial class QueueWorker(
    WorkerRequest request,
    CommandEnvironment environment,
    ISystemdNotifier systemd,
    WorkerExit exit,
    WorkerActivity activity,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : BackgroundService
{
    /// <summary>How often an idle worker looks for new jobs: a job waits at most this long, and the folder may be on any file system.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger = loggers.CreateLogger("AutoLR.Queue");
    private QueueFolder Queue => request.Queue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Queue.Prepare();
            if (Queue.WritableByEveryone() is { } open)
            {
                LogQueueOpenToEveryone(_logger, open);
                exit.Code = ExitCodes.JobFailed;
                return;
            }
            LogStarted(_logger, Queue.Path, request.Device ?? "as each job says");
            // The loop owns the thread that starts job processes: their parent-death signal is tied to it.
            await JobThread.Run("autolr-queue", () => Loop(stoppingToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogQueueUnusable(_logger, Queue.Path, e.Message);
            exit.Code = ExitCodes.JobFailed;
        }
        catch (Exception e)
        {
            // Unforeseen: the current job stays in running/ unlocked, so the restarted worker (systemd) resumes it.
            LogWorkerFailed(_logger, e, Queue.Path);
            exit.Code = ExitCodes.JobFailed;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private bool Loop(CancellationToken stop)
    {
        var idle = false;
        while (!stop.IsCancellationRequested)
        {
            using var claim = JobClaim.AdoptAbandoned(Queue) ?? JobClaim.ClaimNext(Queue);
            if (claim is null)
            {
                if (request.UntilEmpty) break;
                if (!idle) Status($"idle; waiting for jobs in {Queue.Pending}");
                activity.Idle();
                idle = true;
                stop.WaitHandle.WaitOne(PollInterval);
                continue;
            }
            idle = false;
            activity.Running(claim.Job);
            Run(claim, stop);
            activity.Idle();
        }
        Status("stopped");
        return true;
    }

    private void Run(JobClaim claim, CancellationToken stop)
    {
        QueuedJob job;
        try
        {
            job = QueuedJob.Read(claim.RunningFile);
        }
        catch (JobFileException e)
        {
            // Not a job (written by hand, damaged, a FIFO or a link): set aside as it is, so no worker tries it again.
            File.Move(claim.RunningFile, QueueFolder.JobFile(Queue.Failed, claim.Job), overwrite: true);
            LogFailed(_logger, claim.Job, $"{e.Message} Enqueue the job again with `autolr enqueue`.");
            return;
        }
        if (job.Ended is not null)
        {
            // A worker ended after recording the job's end and before moving it: finish the move only.
            claim.Finish(job, job.Error is null ? Queue.Done : Queue.Failed);
            return;
        }
        var check = Check(job);
        if (check.Arguments is null)
        {
            var reason = $"it does not pass the checks of `autolr enqueue`: {string.Join(" ", check.Messages.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}";
            claim.Finish(job with { Ended = DateTimeOffset.UtcNow, ExitCode = check.ExitCode, Error = reason }, Queue.Failed);
            LogFailed(_logger, claim.Job, reason);
            return;
        }
        // What runs is what was checked: the switches as the check parsed them, not the file's own strings.
        job = job with { Arguments = check.Arguments };
        var arguments = JobLaunch.Arguments(Queue, claim.Job, job, claim.Adopted, request.Device);
        if (claim.Adopted) LogAdopted(_logger, claim.Job, string.Join(' ', arguments.Select(ShellWord.Quote)));
        else LogClaimed(_logger, claim.Job, job.CommandLine);
        Status($"running {claim.Job} ({QueueFolder.JobsIn(Queue.Pending).Count} pending)");

        var result = JobProcess.Run(claim.Job, arguments, job.WorkingDirectory, Queue.RunRecordOf(claim.Job), environment.Error, stop);
        // Its process has ended: whoever reads the log line that follows finds the worker idle (or stopping).
        activity.Idle();
        if (stop.IsCancellationRequested && result.End != JobProcessEnd.Finished)
        {
            // Whatever the job process said, the stop interrupted it: it stays for resume, never counted as failed.
            LogLeftForResume(_logger, claim.Job, Queue.Running);
            return;
        }
        switch (result.End)
        {
            case JobProcessEnd.Finished:
                claim.Finish(job with { RunDirectory = result.RunDirectory, Ended = DateTimeOffset.UtcNow, ExitCode = 0 }, Queue.Done);
                LogDone(_logger, claim.Job, result.RunDirectory!);
                break;
            case JobProcessEnd.Stopped:
                // Stopped by a signal sent to it alone: the next turn of the loop adopts and resumes it.
                LogLeftForResume(_logger, claim.Job, Queue.Running);
                break;
            default:
                // A job killed before it could say has no record: its newest run directory is the one it was using.
                var run = result.RunDirectory is { } recorded && Directory.Exists(recorded) ? recorded : JobLaunch.NewestRunOf(Queue, claim.Job);
                // A job killed by a signal kept the checkpoint of its last whole epoch: say how to go on from it.
                var error = ChildExit.Signal(result.ExitCode) is not null && run is not null
                    ? $"{result.Error} Its run directory keeps its last checkpoint: `autolr {job.Command} --resume {ShellWord.Quote(run)}` continues it."
                    : result.Error!;
                claim.Finish(job with
                {
                    RunDirectory = run,
                    Ended = DateTimeOffset.UtcNow,
                    ExitCode = result.ExitCode,
                    Error = error,
                }, Queue.Failed);
                LogFailed(_logger, claim.Job, error);
                break;
        }
    }

    /// <summary>
    /// The job checked exactly as `autolr enqueue` checked it (<see cref="JobCheck"/>), from its own working folder, as
    /// enqueue ran in the submitter's: relative paths, --from and the data folder resolve as they did then. Whatever
    /// goes wrong while checking sets the job aside; it never stops the worker.
    /// </summary>
    private CheckedJob Check(QueuedJob job)
    {
        if (!Directory.Exists(job.WorkingDirectory))
            return new CheckedJob(ExitCodes.InvalidConfiguration, null,
                $"its working folder {ShellWord.Quote(job.WorkingDirectory)} does not exist (relative paths of the job are resolved from it); enqueue the job again from an existing folder.");
        var workerFolder = Environment.CurrentDirectory;
        try
        {
            // The loop is the only thread of the worker that uses the current folder.
            Environment.CurrentDirectory = job.WorkingDirectory;
            return request.Check(job).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            return new CheckedJob(ExitCodes.InvalidConfiguration, null, $"checking it failed: {e.Message}");
        }
        finally
        {
            Environment.CurrentDirectory = workerFolder;
        }
    }

    /// <summary>One line for `systemctl status`; nothing outside systemd.</summary>
    private void Status(string text)
    {
        if (systemd.IsEnabled) systemd.Notify(new ServiceState("STATUS=" + text));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The queue folder {Folder} is writable by every user of this machine: anyone could run jobs as this worker's user. Run `chmod o-w` on it (give a group write access instead) and start the worker again.")]
    private static partial void LogQueueOpenToEveryone(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker started on queue {Queue}, device {Device}")]
    private static partial void LogStarted(ILogger logger, string queue, string device);

    [LoggerMessage(Level = LogLevel.Error, Message = "The queue folder {Queue} cannot be used: {Problem} Give a writable folder with --queue.")]
    private static partial void LogQueueUnusable(ILogger logger, string queue, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "The worker on queue {Queue} failed; a job it was running stays in running/ and is resumed when a worker starts")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} claimed: {CommandLine}")]
    private static partial void LogClaimed(ILogger logger, string job, string commandLine);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} adopted from a worker that ended: autolr {CommandLine}")]
    private static partial void LogAdopted(ILogger logger, string job, string commandLine);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} done: {RunDirectory}")]
    private static partial void LogDone(ILogger logger, string job, string runDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string job, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} stopped at a safe point; left in {Running} for the next worker to resume")]
    private static partial void LogLeftForResume(ILogger logger, string job, string running);
}
