using AutoLR.Algorithms;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Metrics;
using AutoLR.RunFormat.Results;
using AutoLR.RunFormat.Trace;

namespace AutoLR.RunFormat.Runs;

/// <summary>
/// One run directory as its readers see it: results.json (absent for a run that has not finished), trace.jsonl and
/// metrics.jsonl (each may be absent: empty then). Nothing is recomputed: values are the ones written.
/// </summary>
public sealed record RunDirectory(
    string Path,
    RunResults? Results,
    IReadOnlyList<TrialRecord> Trace,
    IReadOnlyList<EpochMetrics> Metrics)
{
    /// <summary>The directory's own name, used to name a run's figures.</summary>
    public string Name => System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Path));

    public static bool LooksLikeRun(string path) =>
        File.Exists(System.IO.Path.Combine(path, ResultsFile.FileName))
        || File.Exists(System.IO.Path.Combine(path, TraceFile.FileName))
        || File.Exists(System.IO.Path.Combine(path, MetricsFile.FileName));

    /// <summary>Reads the run at <paramref name="path"/>; a file that is there but unreadable throws <see cref="RunFormatException"/>.</summary>
    public static RunDirectory Load(string path)
    {
        string In(string name) => System.IO.Path.Combine(path, name);
        var results = File.Exists(In(ResultsFile.FileName)) ? ResultsFile.Read(In(ResultsFile.FileName)) : null;
        var trace = File.Exists(In(TraceFile.FileName)) ? TraceFile.Read(In(TraceFile.FileName)) : [];
        var metrics = File.Exists(In(MetricsFile.FileName)) ? MetricsFile.Read(In(MetricsFile.FileName)) : [];
        return new RunDirectory(System.IO.Path.GetFullPath(path), results, trace, metrics);
    }

    /// <summary>
    /// The given paths as run directories: a path that holds results.json, trace.jsonl or metrics.jsonl is a run;
    /// any other directory stands for the runs directly inside it (e.g. the output folder of a sweep).
    /// </summary>
    public static IReadOnlyList<RunDirectory> Discover(IEnumerable<string> paths)
    {
        var runs = new List<RunDirectory>();
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
                throw new RunFormatException($"{path} is not a directory; give run directories (or folders holding them) after --runs.");
            if (LooksLikeRun(path))
            {
                runs.Add(Load(path));
                continue;
            }
            var inside = Directory.GetDirectories(path).Where(LooksLikeRun).Order(StringComparer.Ordinal).ToList();
            if (inside.Count == 0)
                throw new RunFormatException($"{path} holds no run: neither it nor a directory directly inside it has {ResultsFile.FileName}, {TraceFile.FileName} or {MetricsFile.FileName}.");
            runs.AddRange(inside.Select(Load));
        }
        return runs;
    }
}
