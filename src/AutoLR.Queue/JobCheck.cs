namespace AutoLR.Queue;

/// <summary>
/// The outcome of checking a queued job as `autolr enqueue` checks one: <paramref name="ExitCode"/> 0 when it may run,
/// then <paramref name="Arguments"/> are its switches as enqueue writes them (parsed, so exactly what was checked);
/// otherwise <paramref name="Messages"/> say why not.
/// </summary>
public sealed record CheckedJob(int ExitCode, IReadOnlyList<string>? Arguments, string Messages);

/// <summary>
/// Checks a job read from the queue exactly as `autolr enqueue` checked it when it was added — the same parser,
/// refusals, configuration layers and options validation — relative to the current folder. The worker runs it on every
/// job before the job runs, because a job file holds whatever someone with write access to the queue put there. The
/// command line fills it in (parsing is the command line's; <see cref="JobEnqueue.CheckAsync"/> is the rest).
/// </summary>
public delegate Task<CheckedJob> JobCheck(QueuedJob job);
