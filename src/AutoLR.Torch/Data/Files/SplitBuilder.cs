using AutoLR.Torch.Data.Preprocessing;

namespace AutoLR.Torch.Data.Files;

/// <summary>
/// Turns a layout's listing of one split into an <see cref="ImageFileDataset"/>: applies the per-class limit, checks
/// every listed file by decoding it whole (missing → error; unreadable, empty, too large, truncated or undecodable → error
/// or skipped), checks that a test split has at
/// least two images per class, and gives classes dense labels in the source's class-id order.
/// </summary>
public sealed class SplitBuilder
{
    private readonly DatasetOptions _options;
    private readonly ImageFileDecoder _decoder;
    private readonly InputNormaliser _normaliser;

    public SplitBuilder(DatasetOptions options, InputConvention convention)
    {
        options.Validate();
        _options = options;
        _decoder = new ImageFileDecoder(options.ImageSize, options.ResizeShorterSide ?? options.ImageSize, options.MaxImagePixels);
        _normaliser = new InputNormaliser(convention, options.ImageSize);
    }

    /// <summary>A training split: no singleton check.</summary>
    public ImageFileDataset Train(string description, string listing, IReadOnlyList<ImageRecord> records)
    {
        var kept = CheckFiles(listing, Limit(records, _options.ImagesPerClass), out var skipped);
        return Create(description, kept, ClassOrder.Of(kept.Select(r => r.ClassId)), skipped, 0);
    }

    /// <summary>A retrieval test split: every class needs two images, or is dropped with <c>DropSingletonClasses</c>.</summary>
    public ImageFileDataset Test(string description, string listing, IReadOnlyList<ImageRecord> records)
    {
        var kept = CheckFiles(listing, Limit(records, _options.TestLimit), out var skipped);
        var singletons = kept.GroupBy(r => r.ClassId).Where(g => g.Count() < 2).Select(g => g.Key).ToHashSet();
        RequireNoSingletons(listing, singletons, "has a single image in the test split, so Recall@K is undefined for it");
        kept = kept.Where(r => !singletons.Contains(r.ClassId)).ToList();
        return Create(description, kept, ClassOrder.Of(kept.Select(r => r.ClassId)), skipped, singletons.Count);
    }

    /// <summary>
    /// Query and gallery splits that share one label map: every query class needs a gallery image (In-shop protocol),
    /// or its queries are dropped with <c>DropSingletonClasses</c>.
    /// </summary>
    public (ImageFileDataset Query, ImageFileDataset Gallery) QueryGallery(
        string description, string listing, IReadOnlyList<ImageRecord> query, IReadOnlyList<ImageRecord> gallery)
    {
        var keptGallery = CheckFiles(listing, Limit(gallery, _options.TestLimit), out var skippedGallery);
        var keptQuery = CheckFiles(listing, Limit(query, _options.TestLimit), out var skippedQuery);
        var galleryClasses = keptGallery.Select(r => r.ClassId).ToHashSet();
        var orphans = keptQuery.Select(r => r.ClassId).Where(c => !galleryClasses.Contains(c)).ToHashSet();
        RequireNoSingletons(listing, orphans, "has query images but no gallery image, so Recall@K is undefined for it");
        keptQuery = keptQuery.Where(r => !orphans.Contains(r.ClassId)).ToList();
        var classes = ClassOrder.Of(keptGallery.Select(r => r.ClassId));
        return (Create($"{description} query", keptQuery, classes, skippedQuery, orphans.Count),
                Create($"{description} gallery", keptGallery, classes, skippedGallery, 0));
    }

    private static List<ImageRecord> Limit(IReadOnlyList<ImageRecord> records, int? limitPerClass)
    {
        if (limitPerClass is not { } limit) return records.ToList();
        var taken = new Dictionary<string, int>();
        var kept = new List<ImageRecord>();
        foreach (var record in records)
        {
            var n = taken.GetValueOrDefault(record.ClassId);
            if (n >= limit) continue;
            taken[record.ClassId] = n + 1;
            kept.Add(record);
        }
        return kept;
    }

    private List<ImageRecord> CheckFiles(string listing, List<ImageRecord> records, out int skipped)
    {
        var problems = records.AsParallel().AsOrdered().Select(r => _decoder.Problem(r.Path)).ToArray();
        var kept = new List<ImageRecord>(records.Count);
        skipped = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var path = records[i].Path;
            if (problems[i] is null) kept.Add(records[i]);
            else if (!File.Exists(path))
                throw new DatasetException(path, $"the image listed in {listing} does not exist.",
                    "Check that the data set root folder is the one the listing was written for and that the download is complete.");
            else if (_options.SkipBadImages) skipped++;
            else
                throw new DatasetException(path, problems[i]!, DatasetOptions.BadImageFix);
        }
        return kept;
    }

    private void RequireNoSingletons(string listing, HashSet<string> classes, string problem)
    {
        if (classes.Count == 0 || _options.DropSingletonClasses) return;
        var named = string.Join(", ", classes.Order(StringComparer.Ordinal).Take(10)) + (classes.Count > 10 ? ", ..." : "");
        throw new DatasetException(listing, $"class {named} {problem} ({classes.Count} such class(es)).",
            "Add images of that class, or leave such classes out with --drop-singleton-classes (AUTOLR__DROPSINGLETONCLASSES; they are counted).");
    }

    private ImageFileDataset Create(string description, List<ImageRecord> records, string[] classes, int skipped, int dropped)
    {
        var label = new Dictionary<string, int>(classes.Length);
        for (var i = 0; i < classes.Length; i++) label[classes[i]] = i;
        return new ImageFileDataset(
            description,
            records.Select(r => r.Path).ToArray(),
            records.Select(r => label[r.ClassId]).ToArray(),
            classes, _decoder, _normaliser, skipped, dropped);
    }
}
