namespace AutoLR.Runs;

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
