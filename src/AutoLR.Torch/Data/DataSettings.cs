using AutoLR.Algorithms;

namespace AutoLR.Torch.Data;

/// <summary>
/// Which data set, where it lies and how much of it to use, each setting declared once, and how they set
/// <see cref="DatasetOptions"/>. The kinds are <see cref="DatasetKinds"/>'.
/// </summary>
public static class DataSettings
{
    /// <summary>The data set: every command that reads images takes it (evaluate and export use the run's).</summary>
    public static readonly SettingGroup Group = new("data", sweepable: false);

    /// <summary>The input size, which every cell of a sweep shares with its data.</summary>
    public static readonly SettingGroup InputGroup = new("input", sweepable: false);

    private static readonly DatasetOptions Reader = new();

    public static readonly Setting<string> Dataset = Setting.Choice("Dataset", "Data set kind.", [Group],
        DatasetKinds.Entries.Select(d => new SettingChoice(d.Name, d.DefaultFolder is null ? "needs --dataset-path" : $"in {d.DefaultFolder} unless --dataset-path says otherwise")),
        DatasetKinds.Entries[0].Name);

    public static readonly Setting<string> DatasetPath = Setting.Path("DatasetPath",
        "Folder of the data set. Empty means the kind's default folder.", [Group], "")
        .CheckedBy(path => path.Length == 0 || Directory.Exists(path) ? null
            : Path.Exists(path) ? $"{Path.GetFullPath(path)} is not a folder (a file, pipe or device); give the folder that holds the data set."
            : $"no such folder ({Path.GetFullPath(path)}); give the folder that holds the data set.");

    public static readonly Setting<int> ImagesPerClass = Setting.Integer("ImagesPerClass",
        "Most images used per class (keeps the embedded default short); 0 uses all.", [Group], 200, SettingRange.IntegersFrom(0));

    /// <summary>More test images narrow Recall@K's sampling noise without making training any longer.</summary>
    public static readonly Setting<int> TestImagesPerClass = Setting.Integer("TestImagesPerClass",
        "Most images used per test class, where Recall@K is measured; 0 follows --images-per-class, and a number at least a class's " +
        "size uses all of it (Fashion-MNIST's test classes have 7,000 images each).", [Group], 0, SettingRange.IntegersFrom(0));

    public static readonly Setting<bool> SkipBadImages = Setting.Flag("SkipBadImages",
        "Leave out image files that cannot be used (unreadable, empty, truncated, undecodable, above --max-image-pixels), counted in the log, instead of stopping.",
        [Group], Reader.SkipBadImages);

    /// <summary>Before the setting existed, a test class with a single image always stopped the run.</summary>
    public static readonly Setting<bool> DropSingletonClasses = Setting.Flag("DropSingletonClasses",
        "Leave out test classes that have a single image (Recall@K needs a second image of the class to find), counted in the log, instead of stopping.",
        [Group], Reader.DropSingletonClasses)
        .ExistingBefore(false);

    public static readonly Setting<int> MaxImagePixels = Setting.Integer("MaxImagePixels",
        "Most pixels (width × height) an image file may have; checked from its header before decoding.",
        [Group], (int)DatasetOptions.DefaultMaxImagePixels, SettingRange.Integers(1, int.MaxValue));

    public static readonly Setting<int> ImageSize = Setting.Integer("ImageSize", "Side in pixels images are resized to.",
        [InputGroup], 32, SettingRange.Integers(32, 1024));

    /// <summary>How the settings set <see cref="DatasetOptions"/>: each sets one property of the fresh options <see cref="Options"/> starts from.</summary>
    public static IReadOnlyList<OptionsMapping<DatasetOptions>> Mappings { get; } =
    [
        OptionsMapping<DatasetOptions>.Of(ImageSize, (size, options) => { options.ImageSize = size; return options; }),
        OptionsMapping<DatasetOptions>.Of(ImagesPerClass, (count, options) => { options.ImagesPerClass = count == 0 ? null : count; return options; }),
        OptionsMapping<DatasetOptions>.Of(TestImagesPerClass, (count, options) => { options.TestImagesPerClass = count == 0 ? null : count; return options; }),
        OptionsMapping<DatasetOptions>.Of(SkipBadImages, (skip, options) => { options.SkipBadImages = skip; return options; }),
        OptionsMapping<DatasetOptions>.Of(DropSingletonClasses, (drop, options) => { options.DropSingletonClasses = drop; return options; }),
        OptionsMapping<DatasetOptions>.Of(MaxImagePixels, (pixels, options) => { options.MaxImagePixels = pixels; return options; }),
    ];

    /// <summary>The settings, in the order help lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Dataset, DatasetPath, ImagesPerClass, TestImagesPerClass, SkipBadImages, DropSingletonClasses, MaxImagePixels, ImageSize];

    /// <summary>A kind without a default folder needs one.</summary>
    public static IReadOnlyList<SettingRule> Rules { get; } =
    [
        SettingRule.Of([DatasetPath, Dataset], [], values =>
            values.Get(DatasetPath).Length > 0 || DatasetKinds.Find(values.Get(Dataset)).DefaultFolder is not null ? null
                : $"the data set kind {values.Get(Dataset)} has no default location; give its folder with {DatasetPath.Switch}."),
    ];

    /// <summary>The reader's options as the settings give them.</summary>
    public static DatasetOptions Options(SettingValues values) => OptionsMapping<DatasetOptions>.Build(Mappings, values, new DatasetOptions());
}
