using System.Globalization;
using System.Text;

namespace AutoLR.RunFormat.Reports;

/// <summary>report.md: a <see cref="RunReport"/> and the run's <see cref="ReportSettings"/> as Markdown, for people (no program reads it).</summary>
public static class ReportMarkdown
{
    public const string FileName = "report.md";

    public static string Render(RunReport report, string command, ReportSettings settings)
    {
        var text = new StringBuilder();
        text.Append("# ").AppendLine(report.Title).AppendLine();
        text.Append("Command: `autolr ").Append(command).AppendLine("`").AppendLine();
        foreach (var (key, value) in report.Facts) text.Append("- **").Append(key).Append("**: ").AppendLine(value);
        if (report.Facts.Count > 0) text.AppendLine();

        if (report.RecallAtK.Count > 0)
        {
            text.AppendLine("## Recall@K").AppendLine();
            text.AppendLine(settings.EvalFlip
                ? "Embedding: pooled features of the image and of its horizontal flip, summed, L2-normalised (the paper's protocol, `--eval-flip true`)."
                : "Embedding: pooled features of the image alone, L2-normalised (`--eval-flip false`; the paper adds the flipped image's).").AppendLine();
            var ks = report.RecallAtK.Keys.Order().ToList();
            text.AppendLine("| " + string.Join(" | ", ks.Select(k => $"R@{k}")) + " |");
            text.AppendLine("|" + string.Concat(ks.Select(_ => " ---: |")));
            text.AppendLine("| " + string.Join(" | ", ks.Select(k => Percent(report.RecallAtK[k]))) + " |").AppendLine();
        }

        foreach (var (title, body) in report.Sections ?? [])
            text.Append("## ").AppendLine(title).AppendLine().AppendLine(body.TrimEnd()).AppendLine();

        if (report.Epochs.Count > 0)
        {
            text.AppendLine("## Epochs").AppendLine();
            text.AppendLine("| phase | epoch | loss | block LRs | Recall@K | seconds |");
            text.AppendLine("| --- | ---: | ---: | --- | --- | ---: |");
            foreach (var e in report.Epochs)
                text.AppendLine($"| {e.Phase} | {e.Epoch} | {Number(e.Loss, "F4")} | {string.Join(" ", e.Lrs.Select(l => Number(l, "G3")))} | " +
                                $"{string.Join(" ", e.RecallAtK.OrderBy(r => r.Key).Select(r => $"R@{r.Key} {Percent(r.Value)}"))} | {Number(e.Seconds, "F1")} |");
            text.AppendLine();
        }

        if (report.Notes.Count > 0)
        {
            text.AppendLine("## Notes").AppendLine();
            foreach (var note in report.Notes) text.Append("- ").AppendLine(note);
            text.AppendLine();
        }

        text.AppendLine("## Settings").AppendLine();
        text.AppendLine("| key | value |").AppendLine("| --- | --- |");
        foreach (var (key, value) in settings.Rows)
            text.AppendLine($"| `{key}` | {value} |");
        return text.ToString();
    }

    private static string Percent(double x) => (100 * x).ToString("F2", CultureInfo.InvariantCulture) + "%";

    private static string Number(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
}
