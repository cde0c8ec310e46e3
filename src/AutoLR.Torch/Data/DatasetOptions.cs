namespace AutoLR.Torch.Data;

/// <summary>
/// How to open a data set; filled in by the host from the settings. Its checks name the properties: the host
/// has checked the settings they come from, so only code that fills it in wrongly meets them. The backbone's
/// <see cref="InputConvention"/> is passed separately, because it belongs to the backbone, not to the data.
/// </summary>
public sealed class DatasetOptions
{
    /// <summary>Side of the square images handed to the backbone, in pixels.</summary>
    public int ImageSize { get; set; } = 64;

    /// <summary>
    /// Shorter side after resizing and before the centre crop (image files only); null means <see cref="ImageSize"/>,
    /// i.e. crop the centre square of the whole image. torchvision's evaluation recipe is 256 for a 224 crop.
    /// </summary>
    public int? ResizeShorterSide { get; set; }

    /// <summary>
    /// The default of <see cref="MaxImagePixels"/>: 50 megapixels (200 MB decoded), above the photographs of every
    /// supported data set and of most cameras, far below the 400 megapixels a forged 100-byte PNG header can claim.
    /// </summary>
    public const long DefaultMaxImagePixels = 50_000_000;

    /// <summary>What to do about a bad image file; the host's switches are named because that is where users set them.</summary>
    public const string BadImageFix =
        "Replace the file with a valid JPEG or PNG, or leave such files out with --skip-bad-images (AUTOLR__SKIPBADIMAGES; they are counted).";

    /// <summary>
    /// Leave out unreadable, empty, oversized, truncated or undecodable image files (counted in
    /// <see cref="IRetrievalSplit.SkippedImages"/>) instead of failing.
    /// </summary>
    public bool SkipBadImages { get; set; }

    /// <summary>Most pixels (width × height) an image file may have; a larger one is a bad image.</summary>
    public long MaxImagePixels { get; set; } = DefaultMaxImagePixels;

    /// <summary>
    /// Leave out test classes with a single image (Recall@K is undefined for them; counted in
    /// <see cref="IRetrievalSplit.DroppedClasses"/>) instead of failing.
    /// </summary>
    public bool DropSingletonClasses { get; set; }

    /// <summary>Keep at most this many images per class (in file order), for quick runs; null keeps all.</summary>
    public int? ImagesPerClass { get; set; }

    /// <summary>
    /// The same for the test classes (query and gallery too), where Recall@K is measured: more of them narrows the
    /// score's sampling noise without making training longer; null follows <see cref="ImagesPerClass"/>.
    /// </summary>
    public int? TestImagesPerClass { get; set; }

    /// <summary>The per-class limit of a test split.</summary>
    public int? TestLimit => TestImagesPerClass ?? ImagesPerClass;

    /// <summary>Class-per-folder layout only: the fraction of classes (in sorted folder-name order) used for training.</summary>
    public double FolderTrainFraction { get; set; } = 0.5;

    /// <summary>Checks the values and says which one is wrong.</summary>
    public void Validate()
    {
        if (ImageSize < 1) throw new ArgumentOutOfRangeException(nameof(ImageSize), ImageSize, "DatasetOptions.ImageSize must be at least 1.");
        if (ResizeShorterSide is { } side && side < ImageSize)
            throw new ArgumentOutOfRangeException(nameof(ResizeShorterSide), side, $"DatasetOptions.ResizeShorterSide must be at least DatasetOptions.ImageSize ({ImageSize}).");
        if (MaxImagePixels < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxImagePixels), MaxImagePixels, "DatasetOptions.MaxImagePixels must be at least 1.");
        if (ImagesPerClass is { } n && n < 1)
            throw new ArgumentOutOfRangeException(nameof(ImagesPerClass), n, "DatasetOptions.ImagesPerClass must be at least 1, or null to keep all images.");
        if (TestImagesPerClass is { } t && t < 1)
            throw new ArgumentOutOfRangeException(nameof(TestImagesPerClass), t, "DatasetOptions.TestImagesPerClass must be at least 1, or null to follow ImagesPerClass.");
        if (!(FolderTrainFraction > 0 && FolderTrainFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(FolderTrainFraction), FolderTrainFraction, "DatasetOptions.FolderTrainFraction must lie strictly between 0 and 1.");
    }
}
