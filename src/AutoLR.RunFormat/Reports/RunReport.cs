using AutoLR.RunFormat.Metrics;

namespace AutoLR.RunFormat.Reports;

/// <summary>
/// What a finished job hands back for report.md: a title, headline facts (e.g. "pruning depth" → "2"), the final
/// Recall@K, the per-epoch metrics and free-form notes (clamps, fallbacks, anything a reader should know), and any
/// further sections (title, Markdown body) a job needs, e.g. the pruning search's scores.
/// </summary>
public sealed record RunReport(
    string Title,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    IReadOnlyDictionary<int, double> RecallAtK,
    IReadOnlyList<EpochMetrics> Epochs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<KeyValuePair<string, string>>? Sections = null);

/// <summary>
/// The run's settings as report.md states them: whether evaluation embedded the flipped image too (the Recall@K
/// section says so), and every setting as its configuration key and value text, in the order help lists them.
/// </summary>
public sealed record ReportSettings(bool EvalFlip, IReadOnlyList<KeyValuePair<string, string>> Rows);
