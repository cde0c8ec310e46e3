using AutoLR.Commands;

namespace AutoLR.Queue;

/// <summary>
/// `autolr queue status DIR`: every job by state, oldest first — pending with its command line, running with its
/// progress and whether a live worker holds it, done with its run directory, failed with its error.
/// </summary>
public static class QueueStatus
{
    public static int Print(string queueFolder, CommandEnvironment environment)
    {
        var queue = new QueueFolder(queueFolder);
        if (!Directory.Exists(queue.Pending))
        {
            environment.Error.WriteLine($"autolr queue status: {queue.Path} is not a queue (it has no pending/ folder); create one with `autolr enqueue --queue {ShellWord.Quote(queue.Path)} ...`.");
            return ExitCodes.InvalidConfiguration;
        }
        var o = environment.Out;
        Section(o, "pending", queue.Pending, (job, q) => q.CommandLine);
        Section(o, "running", queue.Running, (job, q) =>
        {
            var owner = JobClaim.IsHeld(queue, job) ? "worker alive" : "its worker ended; the next worker resumes it";
            return $"{q.CommandLine}\n      {JobProgress.Describe(JobLaunch.NewestRunOf(queue, job))} ({owner})";
        });
        Section(o, "done", queue.Done, (job, q) => q.RunDirectory ?? "");
        Section(o, "failed", queue.Failed, (job, q) => q.Error ?? "");
        return ExitCodes.Success;
    }

    private static void Section(TextWriter o, string state, string folder, Func<string, QueuedJob, string> describe)
    {
        var jobs = QueueFolder.JobsIn(folder);
        o.WriteLine($"{state} ({jobs.Count})");
        foreach (var job in jobs)
        {
            string text;
            try
            {
                text = describe(job, QueuedJob.Read(QueueFolder.JobFile(folder, job)));
            }
            catch (JobFileException e)
            {
                // Moved by a worker between the listing and the read, or not a job file (read without blocking, never followed).
                text = $"(not a job now: {e.Message})";
            }
            o.WriteLine($"  {job}  {text}");
        }
    }
}
