using AutoLR.Algorithms;
namespace AutoLR.PaperFigures.Runs;

/// <summary>
/// One run directory as the renderer sees it: results.json (may be absent for a run that has not finished),
/// trace.jsonl and metrics.jsonl (each may be absent: empty then). Nothing is recomputed: values are the ones written.
/// </summary>
public sealed record RunDirectory(
    string Path,
    RunResults? Results,
    IReadOnlyList<TrialRecord> Trace,
    IReadOnlyList<EpochLine> Metrics)
{
    /// <summary>The directory's own name, used to name a run's figures.</summary>
    public string Name => System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Path));

    public static bool LooksLikeRun(string path) =>
        File.Exists(System.IO.Path.Combine(path, RunResults.FileName))
        || File.Exists(System.IO.Path.Combine(path, TraceFile.FileName))
        || File.Exists(System.IO.Path.Combine(path, EpochLine.FileName));

    public static RunDirectory Load(string path)
    {
        string In(string name) => System.IO.Path.Combine(path, name);
        var results = File.Exists(In(RunResults.FileName)) ? JsonFiles.ReadObject(In(RunResults.FileName), RunResults.Parse) : null;
        var trace = File.Exists(In(TraceFile.FileName)) ? TraceFile.Read(In(TraceFile.FileName)) : [];
        var metrics = File.Exists(In(EpochLine.FileName)) ? JsonFiles.ReadLines(In(EpochLine.FileName), EpochLine.Parse) : [];
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
                throw new RunFormatException($"{path} holds no run: neither it nor a directory directly inside it has {RunResults.FileName}, {TraceFile.FileName} or {EpochLine.FileName}.");
            runs.AddRange(inside.Select(Load));
        }
        return runs;
    }

    /// <summary>How the run is labelled in figure titles: schedule and pruning depth where results.json says them.</summary>
    public string Label => Results is { } r
        ? $"{r.Dataset}, {ScheduleLabel(r.Schedule)}, pruning depth {r.PruningDepth}, seed {r.Seed}"
        : Name;

    public static string ScheduleLabel(string schedule) => schedule switch
    {
        Schedules.Single => "single LR",
        Schedules.AutoLr => "AutoLR",
        _ => schedule,
    };
}
