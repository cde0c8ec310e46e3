using System.Text;
using System.Text.Json.Nodes;
using AutoLR.Torch.Data;
using AutoLR.Torch.Evaluation;
using static TorchSharp.torch;

namespace AutoLR.Torch.EmbeddingFiles;

/// <summary>
/// The three files one split's embeddings leave, row i of each for item i: <c>{name}.embeddings.npy</c> (float32
/// [N, d], L2-normalised), <c>{name}.labels.npy</c> (int64 [N], the split's dense labels) and
/// <c>{name}.sources.jsonl</c> (one JSON object per item: index, label, the source's class id and where the image came
/// from, see <see cref="ItemSources"/>).
/// </summary>
public sealed record SplitEmbeddingFiles(string Embeddings, string Labels, string Sources)
{
    public static SplitEmbeddingFiles In(string folder, string name) => new(
        Path.Combine(folder, $"{name}.embeddings.npy"),
        Path.Combine(folder, $"{name}.labels.npy"),
        Path.Combine(folder, $"{name}.sources.jsonl"));

    /// <summary>
    /// Embeds <paramref name="split"/> with <paramref name="extractor"/> and writes the three files, streaming: the
    /// embeddings go to disk batch by batch, so memory stays O(batch), not O(N·d).
    /// </summary>
    public void Write(EmbeddingExtractor extractor, nn.Module<Tensor, Tensor> backbone, long dimension, IImageDataset split,
        Action<int, int>? onBatch = null, CancellationToken cancellation = default)
    {
        using (var rows = new NpyRowWriter(Embeddings, split.Count, checked((int)dimension)))
        {
            extractor.Stream(backbone, split, (start, values, d) =>
            {
                if (d != dimension)
                    throw new InvalidOperationException($"The backbone gave {d}-d embeddings, but {dimension} were announced for {Embeddings}.");
                rows.Append(values);
                onBatch?.Invoke(start + values.Length / d, split.Count);
            }, cancellation);
            rows.Complete();
        }
        NpyArrays.WriteInt64(Labels, split.Labels.Select(l => (long)l).ToArray());
        using var sources = new StreamWriter(Sources, append: false, new UTF8Encoding(false));
        var classIds = (split as IRetrievalSplit)?.ClassIds;
        for (var i = 0; i < split.Count; i++)
        {
            var line = new JsonObject { ["index"] = i, ["label"] = split.Labels[i] };
            if (classIds is not null) line["classId"] = classIds[split.Labels[i]];
            ItemSources.Describe(split, i, line);
            sources.WriteLine(line.ToJsonString());
        }
    }

    /// <summary>The embeddings and labels read back (for Recall@K, which needs every row at once).</summary>
    public (Embeddings Embeddings, int[] Labels) Read()
    {
        var (values, shape) = NpyArrays.ReadFloat32(Embeddings);
        if (shape.Length != 2)
            throw new InvalidDataException($"{Embeddings}: expected a 2-D [N, d] array, got shape ({string.Join(", ", shape)}).");
        var (labels, _) = NpyArrays.ReadInt64(Labels);
        return (new Embeddings(values, checked((int)shape[0]), checked((int)shape[1])), labels.Select(l => checked((int)l)).ToArray());
    }
}
