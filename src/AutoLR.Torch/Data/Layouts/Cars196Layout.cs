using AutoLR.Torch.Data.Files;

namespace AutoLR.Torch.Data.Layouts;

/// <summary>
/// Cars-196 (Stanford Cars). The download's annotations are MATLAB (<c>cars_annos.mat</c>) and no MAT-file reader is
/// available here, so this reads the usual CSV conversion of that file: <c>cars_annos.csv</c> in the root folder, a
/// header row naming at least the columns <c>relative_im_path</c> and <c>class</c> (any order; others such as
/// <c>bbox_x1</c> and <c>test</c> are ignored), one image per row, paths relative to the root (<c>car_ims/000001.jpg</c>).
/// Produce it with <c>pandas.DataFrame(scipy.io.loadmat('cars_annos.mat', squeeze_me=True)['annotations'].tolist(),
/// columns=['relative_im_path','bbox_x1','bbox_y1','bbox_x2','bbox_y2','class','test']).to_csv('cars_annos.csv', index=False)</c>.
/// Classes 1–98 train, 99–196 test (DESIGN §4); the official train/test flag is not used.
/// </summary>
public static class Cars196Layout
{
    private const string Name = "Cars-196";
    public const string AnnotationsFile = "cars_annos.csv";
    public const int LastTrainClass = 98;

    public static (ImageFileDataset Train, ImageFileDataset Test) Open(string folder, SplitBuilder builder)
    {
        var root = ListingFile.RequireFolder(folder, Name);
        var csv = Path.Combine(root, AnnotationsFile);
        if (!File.Exists(csv))
            throw new DatasetException(csv, $"the {Name} annotations {AnnotationsFile} are missing.",
                File.Exists(Path.Combine(root, "cars_annos.mat"))
                    ? "cars_annos.mat is there but MAT files are not read; convert it to CSV (see Cars196Layout's documentation: scipy.io.loadmat + pandas to_csv)."
                    : "Download Cars-196 (car_ims/ and cars_annos.mat) and convert cars_annos.mat to cars_annos.csv (see Cars196Layout's documentation).");
        var header = (File.ReadLines(csv).FirstOrDefault() ?? "").Split(',').Select(h => h.Trim().Trim('"')).ToList();
        var pathColumn = RequireColumn(csv, header, "relative_im_path");
        var classColumn = RequireColumn(csv, header, "class");

        var train = new List<ImageRecord>();
        var test = new List<ImageRecord>();
        foreach (var row in ListingFile.Read(csv, header.Count, headerLines: 1, separators: [',']))
        {
            var classId = ListingFile.Integer(csv, row, classColumn, "class");
            if (classId is < 1 or > 196)
                throw new DatasetException($"{csv}:{row.Line}", $"class {classId} is outside 1–196.", "Restore the annotations; Cars-196 classes run 1–196.");
            var record = new ImageRecord(ListingFile.ImagePath(root, row.Fields[pathColumn].Trim('"')),
                classId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            (classId <= LastTrainClass ? train : test).Add(record);
        }
        return (builder.Train($"cars196 train (classes 1–{LastTrainClass})", csv, train),
                builder.Test($"cars196 test (classes {LastTrainClass + 1}–196)", csv, test));
    }

    private static int RequireColumn(string csv, List<string> header, string column)
    {
        var index = header.IndexOf(column);
        if (index >= 0) return index;
        throw new DatasetException($"{csv}:1", $"the header has no column \"{column}\" (found: {string.Join(", ", header)}).",
            "Write the CSV with a header row naming relative_im_path and class, as the conversion in Cars196Layout's documentation does.");
    }
}
