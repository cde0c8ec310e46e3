using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.Experiments.Progress;
using AutoLR.Experiments.Results;
using AutoLR.Runs;
using AutoLR.Runs.Checkpoints;
using AutoLR.RunFormat.Evaluation;
using AutoLR.RunFormat.Reports;
using AutoLR.Torch.Data;
using AutoLR.Torch.EmbeddingFiles;
using AutoLR.Torch.Evaluation;
using Microsoft.Extensions.Logging;

namespace AutoLR.Experiments.Jobs;

/// <summary>
/// `embed --from RUN_DIR`: the embeddings of a finished run's final weights on the test split of its data set (or of
/// the one given with --dataset/--dataset-path), with the run's preprocessing and the evaluation protocol of
/// `evaluate`, as <see cref="SplitEmbeddingFiles"/> (test.*; query.* and gallery.* for In-shop), streamed batch by
/// batch. Recall@K is then recomputed from the written files, so the number printed is the files' own, and recorded
/// with the file names in embeddings.json.
/// </summary>
public sealed class EmbedJob : IJob
{
    public JobResult Run(RunContext context)
    {
        var source = context.SourceRun!;
        using var experiment = Experiment.Open(context.Settings, message => context.Logger.LogInformation("{Message}", message));
        var (backbone, weights, depth) = FinalWeights.Load(source, experiment.Spec, experiment.Device);
        using var _ = backbone;
        var extractor = experiment.Extractor;

        SplitEmbeddingFiles Embed(string name, IImageDataset split)
        {
            var files = SplitEmbeddingFiles.In(context.Run.Path, name);
            files.Write(extractor, backbone, backbone.EmbeddingWidth, split,
                (done, total) => context.Progress.Report(new ProgressUpdate($"embed {name}", done, total)), context.Cancellation);
            return files;
        }

        var data = experiment.Data;
        var written = new Dictionary<string, SplitEmbeddingFiles>();
        RecallScores? recall;
        if (data.IsQueryGallery)
        {
            written["query"] = Embed("query", data.Query!);
            written["gallery"] = Embed("gallery", data.Gallery!);
            var (queries, queryLabels) = written["query"].Read();
            var (gallery, galleryLabels) = written["gallery"].Read();
            var ks = UsableKs(gallery.Count);
            recall = ks.Length == 0 ? null : BlockedRecallAtK.QueryGallery(queries, queryLabels, gallery, galleryLabels, ks, experiment.Device);
        }
        else
        {
            written["test"] = Embed("test", data.Test!);
            var (embeddings, labels) = written["test"].Read();
            var ks = UsableKs(embeddings.Count - 1);
            recall = ks.Length == 0 ? null : BlockedRecallAtK.SelfExcluded(embeddings, labels, ks, experiment.Device);
        }
        context.Progress.Complete();

        var scores = recall is null ? new Dictionary<int, double>() : RecallText.ToDictionary(recall);
        var record = new EmbeddingsRecord(source, weights, depth, backbone.EmbeddingWidth, extractor.AddFlipped, context.Settings.Get(DataSettings.ImageSize),
            context.Settings.Get(DataSettings.Dataset),
            [.. written.Select(kv => KeyValuePair.Create(kv.Key,
                new EmbeddingSplitFiles(Path.GetFileName(kv.Value.Embeddings), Path.GetFileName(kv.Value.Labels), Path.GetFileName(kv.Value.Sources))))],
            scores);
        DurableFile.WriteAllText(Path.Combine(context.Run.Path, EmbeddingsFile.FileName), EmbeddingsFile.Render(record));

        var facts = new List<KeyValuePair<string, string>>
        {
            new("weights", weights), new("pruning depth", depth.ToString(CultureInfo.InvariantCulture)),
            new("files", string.Join(", ", written.Values.SelectMany(f => new[] { f.Embeddings, f.Labels, f.Sources }).Select(Path.GetFileName))),
        };
        var report = new RunReport($"autolr embed: {source}", facts, scores, [], []);
        var text = $"wrote {string.Join(" and ", written.Keys)} embeddings ({backbone.EmbeddingWidth}-d) to {context.Run.Path}";
        return JobResult.Completed(report, scores.Count == 0
            ? text + "\n(too few items for Recall@K)"
            : text + "\n" + JobReports.ComparisonText("Recall@K recomputed from the embedding files:", [new("final weights", depth, scores)]));
    }

    /// <summary>The report's K values that <paramref name="neighbours"/> candidates allow.</summary>
    private static int[] UsableKs(int neighbours) => Experiment.RecallKs.Where(k => k <= neighbours).ToArray();
}
