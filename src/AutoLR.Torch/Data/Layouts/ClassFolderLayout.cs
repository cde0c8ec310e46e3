using AutoLR.Torch.Data.Files;

namespace AutoLR.Torch.Data.Layouts;

/// <summary>
/// A generic layout: one sub-folder per class under the root, the folder name is the class id, images are the
/// <c>.jpg</c>, <c>.jpeg</c> and <c>.png</c> files directly inside (sorted by name). Classes are sorted by folder name
/// (ordinal); the first <c>round(C × FolderTrainFraction)</c> of them (at least 1, at most C − 1) train, the rest test.
/// </summary>
public static class ClassFolderLayout
{
    private const string Name = "class-per-folder";
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png"];

    public static (ImageFileDataset Train, ImageFileDataset Test) Open(string folder, SplitBuilder builder, double trainFraction)
    {
        var root = ListingFile.RequireFolder(folder, $"{Name} data set");
        var classes = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
            throw new DatasetException(root, $"found {classes.Length} class folder(s); a class-disjoint split needs at least 2.",
                "Put each class's images in its own sub-folder of this folder.");
        var trainCount = Math.Clamp((int)Math.Round(classes.Length * trainFraction), 1, classes.Length - 1);
        var records = classes.Select(c => Images(Path.Combine(root, c)).Select(p => new ImageRecord(p, c)).ToList()).ToArray();
        return (builder.Train($"folder train ({trainCount} of {classes.Length} classes)", root, records[..trainCount].SelectMany(r => r).ToList()),
                builder.Test($"folder test ({classes.Length - trainCount} of {classes.Length} classes)", root, records[trainCount..].SelectMany(r => r).ToList()));
    }

    private static IEnumerable<string> Images(string classFolder)
    {
        var files = Directory.GetFiles(classFolder)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            throw new DatasetException(classFolder, "the class folder holds no .jpg, .jpeg or .png file.",
                "Add its images or remove the empty folder.");
        return files;
    }
}
