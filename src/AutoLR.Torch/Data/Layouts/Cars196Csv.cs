namespace AutoLR.Torch.Data.Layouts;

/// <summary>
/// The usual CSV conversion of Cars-196's <c>cars_annos.mat</c>: <c>cars_annos.csv</c> in the root folder, a header
/// row naming at least the columns <c>relative_im_path</c> and <c>class</c> (any order; others such as <c>bbox_x1</c>
/// and <c>test</c> are ignored), one image per row. It is what
/// <c>pandas.DataFrame(scipy.io.loadmat('cars_annos.mat', squeeze_me=True)['annotations'].tolist(),
/// columns=['relative_im_path','bbox_x1','bbox_y1','bbox_x2','bbox_y2','class','test']).to_csv('cars_annos.csv', index=False)</c>
/// writes.
/// </summary>
public static class Cars196Csv
{
    public const string FileName = "cars_annos.csv";

    /// <summary>(where, relative path, class) of every row.</summary>
    public static List<(string Where, string Path, int Class)> Read(string csv)
    {
        DataFileCheck.Require(csv, $"Restore {FileName}, or use the original cars_annos.mat.");
        var header = (File.ReadLines(csv).FirstOrDefault() ?? "").Split(',').Select(h => h.Trim().Trim('"')).ToList();
        var pathColumn = RequireColumn(csv, header, "relative_im_path");
        var classColumn = RequireColumn(csv, header, "class");
        return ListingFile.Read(csv, header.Count, headerLines: 1, separators: [','])
            .Select(row => ($"{csv}:{row.Line}", row.Fields[pathColumn].Trim('"'), ListingFile.Integer(csv, row, classColumn, "class")))
            .ToList();
    }

    private static int RequireColumn(string csv, List<string> header, string column)
    {
        var index = header.IndexOf(column);
        if (index >= 0) return index;
        throw new DatasetException($"{csv}:1", $"the header has no column \"{column}\" (found: {string.Join(", ", header)}).",
            "Write the CSV with a header row naming relative_im_path and class, as the conversion in Cars196Csv's documentation does.");
    }
}
