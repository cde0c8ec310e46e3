using AutoLR.Torch.Data.Files;

namespace AutoLR.Torch.Data.Layouts;

/// <summary>
/// In-shop Clothes Retrieval as downloaded: <c>list_eval_partition.txt</c> (line 1: image count; line 2: header
/// <c>image_name item_id evaluation_status</c>; then one image per line, status train, query or gallery), images under
/// the root folder (<c>img/...</c>). Query and gallery share one label map over the gallery's items.
/// </summary>
public static class InShopLayout
{
    private const string Name = "In-shop Clothes Retrieval";

    public static (ImageFileDataset Train, ImageFileDataset Query, ImageFileDataset Gallery) Open(string folder, SplitBuilder builder)
    {
        var root = ListingFile.RequireFolder(folder, Name);
        var listing = ListingFile.RequireFile(root, "list_eval_partition.txt", Name);
        var declared = DeclaredCount(listing);
        var rows = ListingFile.Read(listing, 3, headerLines: 2);
        if (rows.Count != declared)
            throw new DatasetException(listing, $"line 1 declares {declared} images but {rows.Count} are listed.",
                "Restore the original file; it may be truncated.");

        var parts = new Dictionary<string, List<ImageRecord>> { ["train"] = [], ["query"] = [], ["gallery"] = [] };
        foreach (var row in rows)
        {
            if (!parts.TryGetValue(row.Fields[2], out var part))
                throw new DatasetException($"{listing}:{row.Line}", $"unknown evaluation_status \"{row.Fields[2]}\" (expected train, query or gallery).",
                    "Restore the original file; it may be damaged.");
            part.Add(new ImageRecord(ListingFile.ImagePath(root, row.Fields[0]), row.Fields[1]));
        }
        var train = builder.Train("inshop train", listing, parts["train"]);
        var (query, gallery) = builder.QueryGallery("inshop", listing, parts["query"], parts["gallery"]);
        return (train, query, gallery);
    }

    private static int DeclaredCount(string listing)
    {
        var first = File.ReadLines(listing).FirstOrDefault()?.Trim();
        if (int.TryParse(first, System.Globalization.CultureInfo.InvariantCulture, out var count)) return count;
        throw new DatasetException($"{listing}:1", $"expected the image count on line 1, found \"{first}\".",
            "Restore the original list_eval_partition.txt from Eval/ of the In-shop download.");
    }
}
