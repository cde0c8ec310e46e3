using AutoLR.Torch.Data.Files;

namespace AutoLR.Torch.Data.Layouts;

/// <summary>
/// Stanford Online Products as downloaded: <c>Ebay_train.txt</c> and <c>Ebay_test.txt</c>, each with the header
/// <c>image_id class_id super_class_id path</c>; paths are relative to the root folder. The two files are the split.
/// </summary>
public static class StanfordOnlineProductsLayout
{
    private const string Name = "Stanford Online Products";

    public static (ImageFileDataset Train, ImageFileDataset Test) Open(string folder, SplitBuilder builder)
    {
        var root = ListingFile.RequireFolder(folder, Name);
        var trainFile = ListingFile.RequireFile(root, "Ebay_train.txt", Name);
        var testFile = ListingFile.RequireFile(root, "Ebay_test.txt", Name);
        return (builder.Train("sop train (Ebay_train.txt)", trainFile, Records(root, trainFile)),
                builder.Test("sop test (Ebay_test.txt)", testFile, Records(root, testFile)));
    }

    private static List<ImageRecord> Records(string root, string listing) =>
        ListingFile.Read(listing, 4, headerLines: 1)
            .Select(row =>
            {
                ListingFile.Integer(listing, row, 1, "class id");
                return new ImageRecord(ListingFile.ImagePath(root, row.Fields[3]), row.Fields[1]);
            })
            .ToList();
}
