using AutoLR.Torch.Data.Files;

namespace AutoLR.Torch.Data.Layouts;

/// <summary>
/// CUB-200-2011 as downloaded: <c>images.txt</c> (image id, path under <c>images/</c>), <c>image_class_labels.txt</c>
/// (image id, class id 1–200), <c>classes.txt</c>. Classes 1–100 train, 101–200 test (DESIGN §4).
/// </summary>
public static class Cub200Layout
{
    private const string Name = "CUB-200-2011";
    public const int LastTrainClass = 100;

    public static (ImageFileDataset Train, ImageFileDataset Test) Open(string folder, SplitBuilder builder)
    {
        var root = ListingFile.RequireFolder(folder, Name);
        var imagesFile = ListingFile.RequireFile(root, "images.txt", Name);
        var labelsFile = ListingFile.RequireFile(root, "image_class_labels.txt", Name);
        ListingFile.RequireFile(root, "classes.txt", Name);
        ListingFile.RequireFolder(Path.Combine(root, "images"), $"{Name} images");

        var paths = new Dictionary<int, string>();
        foreach (var row in ListingFile.Read(imagesFile, 2))
            paths[ListingFile.Integer(imagesFile, row, 0, "image id")] =
                ListingFile.ImagePath(Path.Combine(root, "images"), string.Join(' ', row.Fields.Skip(1)));

        var train = new List<ImageRecord>();
        var test = new List<ImageRecord>();
        foreach (var row in ListingFile.Read(labelsFile, 2))
        {
            var id = ListingFile.Integer(labelsFile, row, 0, "image id");
            var classId = ListingFile.Integer(labelsFile, row, 1, "class id");
            if (!paths.TryGetValue(id, out var path))
                throw new DatasetException($"{labelsFile}:{row.Line}", $"image id {id} is not listed in {imagesFile}.",
                    "Restore both listings from the same CUB-200-2011 download.");
            (classId <= LastTrainClass ? train : test).Add(new ImageRecord(path, classId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return (builder.Train($"cub200 train (classes 1–{LastTrainClass})", labelsFile, train),
                builder.Test($"cub200 test (classes {LastTrainClass + 1}–200)", labelsFile, test));
    }
}
