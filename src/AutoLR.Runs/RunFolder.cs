using AutoLR.Algorithms;
using System.Globalization;
using AutoLR.Runs.Checkpoints;
using AutoLR.Settings;
using AutoLR.Torch.Evaluation;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Metrics;
using AutoLR.RunFormat.Reports;

namespace AutoLR.Runs;

/// <summary>
/// One run's directory: <c>{output}/{yyyyMMdd-HHmmss}-{command}-{id}</c> holding config.json, trace.jsonl
/// (one line per AutoLR trial, DESIGN.md §3), metrics.jsonl (one line per epoch), report.md and checkpoints/.
/// A RunFolder owns its directory's <see cref="RunDirectoryLock"/> from creation to disposal: two processes writing
/// one run would splice their trace lines and train epochs twice.
/// </summary>
public sealed class RunFolder : IDisposable
{
    public const string TraceFileName = TraceLine.FileName;
    public const string MetricsFileName = MetricsFile.FileName;
    public const string ReportFileName = ReportMarkdown.FileName;
    public const string CheckpointFolderName = "checkpoints";

    private readonly Lazy<MetricsWriter> _metrics;
    private readonly RunDirectoryLock _lock;

    private RunFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _lock = RunDirectoryLock.Acquire(Path);
        _metrics = new(() => new MetricsWriter(MetricsPath));
        Checkpoints = new CheckpointStore(System.IO.Path.Combine(Path, CheckpointFolderName));
    }

    /// <summary>Absolute path of the run directory.</summary>
    public string Path { get; }

    /// <summary>
    /// trace.jsonl, one line per trial (DESIGN.md §3): a job hands this path to the engine's TraceWriter, which writes
    /// the F# TrialRecord through TraceLine, the line's one declaration.
    /// </summary>
    public string TraceFile => System.IO.Path.Combine(Path, TraceFileName);

    public string MetricsPath => System.IO.Path.Combine(Path, MetricsFileName);

    public CheckpointStore Checkpoints { get; }

    public string ConfigFile => System.IO.Path.Combine(Path, RunConfigFile.FileName);
    public string ReportFile => System.IO.Path.Combine(Path, ReportFileName);

    /// <summary>Makes a new, uniquely named run directory under <paramref name="outputFolder"/>.</summary>
    public static RunFolder Create(string outputFolder, string command, DateTimeOffset now, out string id)
    {
        id = Guid.NewGuid().ToString("N")[..6];
        var name = $"{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{command}-{id}";
        var path = System.IO.Path.Combine(outputFolder, name);
        Directory.CreateDirectory(path);
        return new RunFolder(path);
    }

    /// <summary>
    /// Opens an existing run directory (to resume it); new lines append to its trace and metrics. Throws
    /// <see cref="RunDirectoryInUseException"/> while another process has it open.
    /// </summary>
    public static RunFolder Open(string path)
    {
        if (!Directory.Exists(path))
            throw new RunFolderException($"Run directory {path} does not exist; give a directory that autolr created.");
        return new RunFolder(path);
    }

    /// <summary>
    /// Deletes the temporary files (<see cref="DurableFile.TemporaryPrefix"/>) of writes that a killed process left
    /// half done, anywhere in the run directory, and returns their paths. Safe only for the directory's owner, which a
    /// RunFolder is: no other process can be writing one of them.
    /// </summary>
    public IReadOnlyList<string> RemoveInterruptedWrites()
    {
        var leftovers = Directory.GetFiles(Path, DurableFile.TemporaryPrefix + "*", SearchOption.AllDirectories);
        foreach (var file in leftovers) File.Delete(file);
        return leftovers;
    }

    /// <summary>Appends one epoch to metrics.jsonl.</summary>
    public void AppendMetrics(EpochMetrics metrics) => _metrics.Value.Append(metrics);

    /// <summary>Writes report.md: the report and every setting of the catalog as the run resolved it.</summary>
    public void WriteReport(RunReport report, string command, RunSettings settings) =>
        DurableFile.WriteAllText(ReportFile, ReportMarkdown.Render(report, command,
            new ReportSettings(settings.Get(EvaluationSettings.EvalFlip), [.. SettingRegistry.All.Select(s => KeyValuePair.Create(s.ConfigKey, settings.TextOf(s)))])));

    public void Dispose()
    {
        if (_metrics.IsValueCreated) _metrics.Value.Dispose();
        _lock.Dispose();
    }
}
