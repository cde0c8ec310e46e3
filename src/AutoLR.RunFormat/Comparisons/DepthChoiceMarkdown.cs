using System.Globalization;
using System.Text;
using static AutoLR.RunFormat.Comparisons.ComparisonText;

namespace AutoLR.RunFormat.Comparisons;

/// <summary>
/// Which pruning depth each seed's methods trained at, and why: the pruning search's validation R@1 at every depth
/// it tried, where and why it stopped, and whether its scores could tell the depths apart at all.
/// </summary>
public static class DepthChoiceMarkdown
{
    /// <param name="searches">The finished pruning searches (cells of kind <see cref="ComparisonCellKinds.PruningSearch"/>), any order.</param>
    public static string Render(IReadOnlyList<ComparisonCellRecord> searches)
    {
        var text = new StringBuilder();
        text.AppendLine("| seed | depth | why | validation R@1 per depth tried |");
        text.AppendLine("| ---: | ---: | --- | --- |");
        foreach (var search in searches.OrderBy(s => s.Seed))
        {
            var scores = search.Stages.Select(s => (s.Depth, Score: s.ValidationRecallAtK![1])).ToList();
            text.AppendLine($"| {search.Seed} | {search.Depth} | {Why(search, scores)} | " +
                            $"{string.Join(", ", scores.Select(s => $"{s.Depth}: {Percent(s.Score)}"))} |");
        }
        text.AppendLine();
        text.AppendLine("Per seed, Algorithm 1 fine-tuned the pre-trained network with one learning rate at depths 0, 1, 2, … on the training classes " +
                        "minus that seed's validation classes and scored each depth by Recall@1 on the validation split, going deeper while the " +
                        "score did not fall; the best depth (the deeper on a tie) is the one every method of that seed then trained at. The test " +
                        "split played no part.");
        return text.ToString();
    }

    /// <summary>The sentence for a comparison whose depth was given, not searched.</summary>
    public static string Fixed(int depth) =>
        $"Every method trained at pruning depth {depth.ToString(CultureInfo.InvariantCulture)} on every seed: the depth was fixed when " +
        "the comparison started, not chosen by the pruning search.\n";

    private static string Why(ComparisonCellRecord search, IReadOnlyList<(int Depth, double Score)> scores)
    {
        var best = scores.Single(s => s.Depth == search.Depth).Score;
        var last = scores[^1];
        var why = search.StoppedBecause == "score dropped" && scores.Count > 1
            ? $"the score fell at depth {last.Depth} ({Percent(last.Score)} < {Percent(scores[^2].Score)}); depth {search.Depth} scored best ({Percent(best)})"
            : $"the score did not fall up to depth {last.Depth}, the deepest the search may try; depth {search.Depth} scored best ({Percent(best)})";
        return search.SelectionSaturated == true
            ? why + "; but every depth scored the same, so the stop rule chose the depth, not the data (use more validation classes or images)"
            : why;
    }
}
