namespace AutoLR.Torch.Data.Layouts;

/// <summary>
/// Reading the text listings that retrieval data sets ship with: whitespace-separated columns, one image per line.
/// Every error names the file (and line) and says what to do.
/// </summary>
public static class ListingFile
{
    /// <summary>One data line: its 1-based line number and its columns.</summary>
    public readonly record struct Row(int Line, string[] Fields);

    /// <summary>The root folder of a data set, which must exist.</summary>
    public static string RequireFolder(string folder, string dataset)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
            throw new DatasetException(full, $"the {dataset} folder does not exist.",
                $"Download {dataset} and point the data set path at the folder that holds its files.");
        return full;
    }

    /// <summary>A file of the layout, which must exist.</summary>
    public static string RequireFile(string folder, string name, string dataset)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
            throw new DatasetException(path, $"the {dataset} file {name} is missing.",
                $"Point the data set path at the folder of the original {dataset} download, which holds {name}.");
        DataFileCheck.Require(path, $"Restore {name} from the original {dataset} download.");
        return path;
    }

    /// <summary>
    /// The data lines of <paramref name="path"/> after <paramref name="headerLines"/> header lines, blank lines skipped;
    /// each must have at least <paramref name="columns"/> whitespace-separated fields.
    /// </summary>
    public static List<Row> Read(string path, int columns, int headerLines = 0, char[]? separators = null)
    {
        DataFileCheck.Require(path, "Restore the original listing file of the data set.");
        var rows = new List<Row>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber <= headerLines || string.IsNullOrWhiteSpace(line)) continue;
            var fields = separators is null
                ? line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                : line.Split(separators).Select(f => f.Trim()).ToArray();
            if (fields.Length < columns)
                throw new DatasetException($"{path}:{lineNumber}", $"expected {columns} columns, found {fields.Length} in \"{line.Trim()}\".",
                    "Restore the original file; the line may be truncated.");
            rows.Add(new Row(lineNumber, fields));
        }
        if (rows.Count == 0)
            throw new DatasetException(path, "the listing has no data lines.", "Restore the original file from the data set download.");
        return rows;
    }

    /// <summary>An integer field, or an error naming the line.</summary>
    public static int Integer(string path, Row row, int column, string what)
    {
        if (int.TryParse(row.Fields[column], System.Globalization.CultureInfo.InvariantCulture, out var value)) return value;
        throw new DatasetException($"{path}:{row.Line}", $"the {what} \"{row.Fields[column]}\" is not an integer.",
            "Restore the original file; it may be damaged.");
    }

    /// <summary>An image path from a listing, relative to the data set root, as an absolute path.</summary>
    public static string ImagePath(string root, string relative) =>
        Path.GetFullPath(Path.Combine(root, relative.Replace('\\', '/')));
}
