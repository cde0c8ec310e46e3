using System.Diagnostics.Metrics;
using AutoLR.Commands;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Metrics;
using AutoLR.RunFormat.Trace;

namespace AutoLR.Queue.Monitoring;

/// <summary>
/// The worker's state through the .NET metrics API (meter <see cref="Name"/>; `dotnet-counters monitor --counters
/// AutoLR.Worker -p PID` shows it, <see cref="MetricsEndpoint"/> serves it to Prometheus). Every instrument is read
/// when a listener asks: the queue from its folders, the current job's progress from its run directory, which the
/// job's <see cref="RunRecord"/> names — the files the job process writes, never its log text.
/// </summary>
public sealed class WorkerMeter : IDisposable
{
    public const string Name = "AutoLR.Worker";

    /// <summary>The tag naming the job a current-job measurement belongs to (not "job": Prometheus gives every target that label).</summary>
    public const string JobTag = "queue_job";

    private readonly Meter _meter = new(Name);
    private readonly WorkerActivity _activity;
    private readonly Lock _gate = new();
    private (string Run, long Metrics, long Trace, DateTime Config) _readKey;
    private JobProgress? _read;

    public WorkerMeter(WorkerActivity activity)
    {
        _activity = activity;
        var queue = activity.Queue;
        _meter.CreateObservableGauge("autolr.worker.queue.jobs", () => new[]
            {
                Count(queue.Pending, "pending"), Count(queue.Running, "running"), Count(queue.Done, "done"), Count(queue.Failed, "failed"),
            },
            unit: "{job}", description: "Job files in each state folder of the queue, whichever worker moved them there.");
        _meter.CreateObservableGauge("autolr.worker.state",
            () => Enum.GetValues<WorkerState>().Select(s => new Measurement<int>(_activity.Now.State == s ? 1 : 0, new KeyValuePair<string, object?>("state", s.ToString().ToLowerInvariant()))),
            description: "1 for the state this worker is in (starting, idle, running, stopping), 0 for the others.");
        Job("autolr.worker.job.epochs.done", p => p.EpochsDone, "{epoch}", "Fine-tuning epochs the current job has finished (its metrics.jsonl).");
        Job("autolr.worker.job.epochs.planned", p => p.EpochsPlanned, "{epoch}", "Fine-tuning epochs the current job's config.json asks for.");
        Job("autolr.worker.job.pruning.epochs.done", p => p.PruningEpochsDone, "{epoch}", "Epochs of the current job's pruning search finished (no total is known in advance).");
        Job("autolr.worker.job.trial.epoch", p => p.LastTrial?.Epoch, "{epoch}", "Epoch of the last AutoLR trial the current job recorded (its trace.jsonl).");
        Job("autolr.worker.job.trial", p => p.LastTrial?.Trial, "{trial}", "Number, within its epoch, of the last AutoLR trial the current job recorded.");
        Job("autolr.worker.job.eta", p => p.Eta?.TotalSeconds, "s", "Time the current job's remaining fine-tuning epochs take at the mean pace of its finished ones.");
        Job("autolr.worker.job.last_epoch.duration", p => p.LastEpochSeconds, "s", "Wall-clock time of the current job's last finished epoch.");
    }

    public void Dispose() => _meter.Dispose();

    private static Measurement<int> Count(string folder, string state) =>
        new(QueueFolder.JobsIn(folder).Count, new KeyValuePair<string, object?>("state", state));

    /// <summary>A gauge of the current job, tagged with its name; it reports nothing while no job runs or the value is not known yet.</summary>
    private void Job(string name, Func<JobProgress, double?> value, string unit, string description) =>
        _meter.CreateObservableGauge(name, () =>
            _activity.Now.Job is { } job && Progress(job) is { } progress && value(progress) is { } v
                ? new[] { new Measurement<double>(v, new KeyValuePair<string, object?>(JobTag, job)) }
                : [],
            unit, description);

    /// <summary>
    /// The job's progress, read again only when its files have changed since the last read: a listener asks each
    /// gauge in turn, and all of them should answer from one reading.
    /// </summary>
    private JobProgress? Progress(string job)
    {
        if (RunRecord.Read(_activity.Queue.RunRecordOf(job))?.RunDirectory is not { } run || !Directory.Exists(run)) return null;
        var key = (run, Length(Path.Combine(run, MetricsFile.FileName)), Length(Path.Combine(run, TraceFile.FileName)),
            File.GetLastWriteTimeUtc(Path.Combine(run, RunConfigFile.FileName)));
        lock (_gate)
        {
            if (_read is null || key != _readKey) (_read, _readKey) = (JobProgress.Read(run), key);
            return _read;
        }
    }

    private static long Length(string file) => File.Exists(file) ? new FileInfo(file).Length : -1;
}
