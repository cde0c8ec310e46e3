using AutoLR.Torch.Data.Files;
using AutoLR.Torch.Data.Matlab;

namespace AutoLR.Torch.Data.Layouts;

/// <summary>
/// Cars-196 (Stanford Cars, the "all images" release): <c>car_ims/</c> and <c>cars_annos.mat</c>, whose struct array
/// <c>annotations</c> has the fields <c>relative_im_path</c> (e.g. <c>car_ims/000001.jpg</c>, relative to the root) and
/// <c>class</c> (1–196). When there is no <c>cars_annos.mat</c>, its usual CSV conversion <c>cars_annos.csv</c> is read
/// instead (see <see cref="Cars196Csv"/>). Classes 1–98 train, 99–196 test (DESIGN §4); the official train/test flag
/// is not used.
/// </summary>
public static class Cars196Layout
{
    private const string Name = "Cars-196";
    public const string MatFile = "cars_annos.mat";
    public const int LastTrainClass = 98;

    public static (ImageFileDataset Train, ImageFileDataset Test) Open(string folder, SplitBuilder builder)
    {
        var root = ListingFile.RequireFolder(folder, Name);
        var mat = Path.Combine(root, MatFile);
        var csv = Path.Combine(root, Cars196Csv.FileName);
        var (listing, annotations) = File.Exists(mat) ? (mat, FromMat(mat))
            : File.Exists(csv) ? (csv, Cars196Csv.Read(csv))
            : throw new DatasetException(mat, $"the {Name} annotations are missing (neither {MatFile} nor {Cars196Csv.FileName} is there).",
                $"Download Cars-196 (car_ims/ and {MatFile}) into this folder.");

        var train = new List<ImageRecord>();
        var test = new List<ImageRecord>();
        foreach (var (where, relativePath, classId) in annotations)
        {
            if (classId is < 1 or > 196)
                throw new DatasetException(where, $"class {classId} is outside 1–196.", "Restore the annotations; Cars-196 classes run 1–196.");
            var record = new ImageRecord(ListingFile.ImagePath(root, relativePath), classId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            (classId <= LastTrainClass ? train : test).Add(record);
        }
        return (builder.Train($"cars196 train (classes 1–{LastTrainClass})", listing, train),
                builder.Test($"cars196 test (classes {LastTrainClass + 1}–196)", listing, test));
    }

    private static List<(string Where, string Path, int Class)> FromMat(string mat)
    {
        var variables = MatFileReader.Read(mat);
        if (!variables.TryGetValue("annotations", out var value) || value is not MatStruct annotations)
            throw new DatasetException(mat, "there is no struct array named \"annotations\".", "Use the cars_annos.mat of the Cars-196 \"all images\" download.");
        foreach (var field in new[] { "relative_im_path", "class" })
            if (!annotations.Fields.Contains(field))
                throw new DatasetException(mat, $"\"annotations\" has no field \"{field}\" (found: {string.Join(", ", annotations.Fields)}).",
                    "Use the cars_annos.mat of the Cars-196 \"all images\" download.");
        return annotations.Elements.Select((element, i) =>
        {
            var where = $"{mat} (annotations({i + 1}))";
            if (element["relative_im_path"] is not MatText path || element["class"] is not MatNumeric { Values.Length: 1 } classId)
                throw new DatasetException(where, "relative_im_path is not text or class is not one number.", "Restore the original cars_annos.mat.");
            return (where, path.Text, (int)classId.Values[0]);
        }).ToList();
    }
}
