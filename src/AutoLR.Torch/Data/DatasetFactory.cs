using AutoLR.Torch.Data.FashionMnist;
using AutoLR.Torch.Data.Files;
using AutoLR.Torch.Data.Layouts;

namespace AutoLR.Torch.Data;

/// <summary>Opens any supported data set by kind and root folder, with the class-disjoint split of DESIGN §4.</summary>
public static class DatasetFactory
{
    /// <param name="kind">Which layout to read.</param>
    /// <param name="path">The data set's root folder; for Fashion-MNIST null or empty means the Debian package's folder.</param>
    /// <param name="options">Image size, per-class limit, bad-input policy.</param>
    /// <param name="convention">The backbone's input convention; images come out normalised for it.</param>
    public static RetrievalDataset Open(DatasetKind kind, string? path, DatasetOptions options, InputConvention convention)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(convention);
        options.Validate();
        if (kind == DatasetKind.FashionMnist)
        {
            var (train, test) = FashionMnistFiles.Open(path, options, convention);
            return new RetrievalDataset(kind, train, test);
        }
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException($"The {kind.Name()} data set needs a path: the folder of its download.", nameof(path));
        var builder = new SplitBuilder(options, convention);
        switch (kind)
        {
            case DatasetKind.InShop:
                var (inshopTrain, query, gallery) = InShopLayout.Open(path, builder);
                return new RetrievalDataset(kind, inshopTrain, null, query, gallery);
            default:
                var (train, test) = kind switch
                {
                    DatasetKind.Cub200 => Cub200Layout.Open(path, builder),
                    DatasetKind.Cars196 => Cars196Layout.Open(path, builder),
                    DatasetKind.StanfordOnlineProducts => StanfordOnlineProductsLayout.Open(path, builder),
                    DatasetKind.ClassFolder => ClassFolderLayout.Open(path, builder, options.FolderTrainFraction),
                    _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown data set kind."),
                };
                return new RetrievalDataset(kind, train, test);
        }
    }

    /// <summary>Same, with the kind given by its configuration name (fashion-mnist, cub200, cars196, sop, inshop, folder).</summary>
    public static RetrievalDataset Open(string kind, string? path, DatasetOptions options, InputConvention convention) =>
        Open(DatasetKinds.Parse(kind), path, options, convention);
}
