using System.Text.Json.Nodes;
using AutoLR.Torch.Data;
using AutoLR.Torch.Data.FashionMnist;
using AutoLR.Torch.Data.Files;

namespace AutoLR.Torch.EmbeddingFiles;

/// <summary>
/// Where each item of a split came from, so an embedding row can be traced back to its image: the image file's path
/// for folder and listing data sets, the row of the pooled IDX files for Fashion-MNIST (0–59,999 the train file,
/// 60,000–69,999 the t10k file). Splits of other kinds name only their index.
/// </summary>
public static class ItemSources
{
    /// <summary>The source fields of item <paramref name="index"/>, added to <paramref name="line"/>.</summary>
    public static void Describe(IImageDataset split, int index, JsonObject line)
    {
        switch (split)
        {
            case ImageFileDataset files:
                line["path"] = files.Paths[index];
                break;
            case FashionMnistDataset mnist:
                line["row"] = mnist.SourceRows[index];
                break;
        }
    }
}
