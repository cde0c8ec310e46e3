using AutoLR.Torch.Data.FashionMnist;
using AutoLR.Torch.Data.Files;
using AutoLR.Torch.Data.Layouts;

namespace AutoLR.Torch.Data;

/// <summary>The data sets the factory opens; configuration names them in kebab case (<see cref="DatasetKinds"/>).</summary>
public enum DatasetKind { FashionMnist, Cub200, Cars196, StanfordOnlineProducts, InShop, ClassFolder }

/// <summary>
/// How one data-set kind is read: its configuration name, the folder it lies in when no path is given (only a
/// packaged data set has one), and how its layout opens into the class-disjoint split of DESIGN §4.
/// </summary>
/// <param name="Name">Its configuration name (kebab case).</param>
/// <param name="Kind">The enum case it stands for.</param>
/// <param name="DefaultFolder">Where it lies when no path is given; null when the user must give one.</param>
/// <param name="Open">The split from a root folder (the default folder when none was given), options and input convention.</param>
public sealed record DatasetKindEntry(
    string Name, DatasetKind Kind, string? DefaultFolder, Func<string, DatasetOptions, InputConvention, RetrievalDataset> Open);

/// <summary>
/// Every data-set kind, registered once, here: the factory, the command line's choices, its help and its validation
/// read this list. A new kind is a layout (under Layouts/), a <see cref="DatasetKind"/> case and one line below.
/// </summary>
public static class DatasetKinds
{
    public static IReadOnlyList<DatasetKindEntry> Entries { get; } =
    [
        new("fashion-mnist", DatasetKind.FashionMnist, FashionMnistFiles.DefaultFolder,
            (path, options, convention) => TrainTest(DatasetKind.FashionMnist, FashionMnistFiles.Open(path, options, convention))),
        new("cub200", DatasetKind.Cub200, null,
            (path, options, convention) => TrainTest(DatasetKind.Cub200, Cub200Layout.Open(path, new SplitBuilder(options, convention)))),
        new("cars196", DatasetKind.Cars196, null,
            (path, options, convention) => TrainTest(DatasetKind.Cars196, Cars196Layout.Open(path, new SplitBuilder(options, convention)))),
        new("sop", DatasetKind.StanfordOnlineProducts, null,
            (path, options, convention) => TrainTest(DatasetKind.StanfordOnlineProducts, StanfordOnlineProductsLayout.Open(path, new SplitBuilder(options, convention)))),
        new("inshop", DatasetKind.InShop, null, (path, options, convention) =>
        {
            var (train, query, gallery) = InShopLayout.Open(path, new SplitBuilder(options, convention));
            return new RetrievalDataset(DatasetKind.InShop, train, null, query, gallery);
        }),
        new("folder", DatasetKind.ClassFolder, null,
            (path, options, convention) => TrainTest(DatasetKind.ClassFolder, ClassFolderLayout.Open(path, new SplitBuilder(options, convention), options.FolderTrainFraction))),
    ];

    /// <summary>All configuration names, for help texts and validation messages.</summary>
    public static IReadOnlyList<string> All { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>The kind a configuration name stands for (case-insensitive); the error lists the valid names.</summary>
    public static DatasetKind Parse(string name) => Find(name).Kind;

    /// <summary>The entry of a configuration name (case-insensitive); the error lists the valid names.</summary>
    public static DatasetKindEntry Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown data set kind \"{name}\"; use one of: {string.Join(", ", All)}.", nameof(name));

    /// <summary>The entry of <paramref name="kind"/>; every kind is registered once.</summary>
    public static DatasetKindEntry Entry(this DatasetKind kind) => Entries.Single(e => e.Kind == kind);

    /// <summary>The configuration name of <paramref name="kind"/>.</summary>
    public static string Name(this DatasetKind kind) => kind.Entry().Name;

    private static RetrievalDataset TrainTest<TSplit>(DatasetKind kind, (TSplit Train, TSplit Test) split) where TSplit : IRetrievalSplit =>
        new(kind, split.Train, split.Test);
}
