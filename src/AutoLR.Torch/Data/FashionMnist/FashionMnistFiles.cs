using AutoLR.Torch.Data.Preprocessing;

namespace AutoLR.Torch.Data.FashionMnist;

/// <summary>
/// Opens Fashion-MNIST from its four IDX files (gzip or plain; names as published, with or without <c>.gz</c>), by
/// default from the Debian package <c>dataset-fashion-mnist</c>. Train and t10k files are pooled (70,000 images);
/// classes 0–4 train, 5–9 test (DESIGN §4).
/// </summary>
public static class FashionMnistFiles
{
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";
    public const int LastTrainClass = 4;
    private const string Install = "Install it with `apt-get update && apt-get install dataset-fashion-mnist` (files go to /usr/share/datasets/fashion-mnist/), or point the data set path at a folder with the four IDX files.";

    public static (FashionMnistDataset Train, FashionMnistDataset Test) Open(string? folder, DatasetOptions options, InputConvention convention)
    {
        options.Validate();
        var root = Path.GetFullPath(string.IsNullOrWhiteSpace(folder) ? DefaultFolder : folder);
        if (!Directory.Exists(root))
            throw new DatasetException(root, "the Fashion-MNIST folder does not exist.", Install);
        var (trainImages, trainLabels) = ReadPair(root, "train");
        var (testImages, testLabels) = ReadPair(root, "t10k");
        var pool = new byte[trainImages.Length + testImages.Length];
        trainImages.CopyTo(pool, 0);
        testImages.CopyTo(pool, trainImages.Length);
        var labels = trainLabels.Concat(testLabels).ToArray();

        var normaliser = new InputNormaliser(convention, options.ImageSize);
        return (Split("fashion-mnist train (classes 0–4)", pool, labels, 0, LastTrainClass, options.ImagesPerClass, normaliser),
                Split("fashion-mnist test (classes 5–9)", pool, labels, LastTrainClass + 1, 9, options.TestLimit, normaliser));
    }

    private static (byte[] Images, byte[] Labels) ReadPair(string root, string prefix)
    {
        var imagesPath = Find(root, $"{prefix}-images-idx3-ubyte");
        var labelsPath = Find(root, $"{prefix}-labels-idx1-ubyte");
        var (imageSizes, images) = IdxFile.Read(imagesPath, 3, "images");
        var (labelSizes, labels) = IdxFile.Read(labelsPath, 1, "labels");
        if (imageSizes[1] != FashionMnistDataset.Side || imageSizes[2] != FashionMnistDataset.Side)
            throw new DatasetException(imagesPath, $"images are {imageSizes[1]}×{imageSizes[2]}, expected 28×28.", "Point the data set at Fashion-MNIST's own files.");
        if (imageSizes[0] != labelSizes[0])
            throw new DatasetException(labelsPath, $"{labelSizes[0]} labels for {imageSizes[0]} images in {imagesPath}.", "Use the image and label files of the same release.");
        var bad = Array.FindIndex(labels, l => l > 9);
        if (bad >= 0)
            throw new DatasetException(labelsPath, $"label {labels[bad]} at item {bad} is outside 0–9.", "Restore the original file; it is damaged.");
        return (images, labels);
    }

    private static string Find(string root, string name)
    {
        foreach (var candidate in new[] { name + ".gz", name })
        {
            var path = Path.Combine(root, candidate);
            if (File.Exists(path)) return path;
        }
        throw new DatasetException(Path.Combine(root, name + ".gz"), "the Fashion-MNIST file is missing (looked for it with and without .gz).", Install);
    }

    private static FashionMnistDataset Split(string description, byte[] pool, byte[] labels, int first, int last, int? limitPerClass, InputNormaliser normaliser)
    {
        var taken = new int[10];
        var rows = new List<int>();
        for (var row = 0; row < labels.Length; row++)
        {
            int label = labels[row];
            if (label < first || label > last) continue;
            if (limitPerClass is { } limit && taken[label] >= limit) continue;
            taken[label]++;
            rows.Add(row);
        }
        var classIds = Enumerable.Range(first, last - first + 1).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new FashionMnistDataset(description, pool, rows.ToArray(), rows.Select(r => labels[r] - first).ToArray(), classIds, normaliser);
    }
}
