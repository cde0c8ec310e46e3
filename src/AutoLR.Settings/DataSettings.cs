using AutoLR.Torch.Data;

namespace AutoLR.Settings;

/// <summary>Which data set, where it lies, how much of it to use, and which split selects the pruning depth.</summary>
public sealed class DataSettings
{
    /// <summary>A configuration name of <see cref="DatasetKinds"/>.</summary>
    public string Dataset { get; set; } = DatasetKind.FashionMnist.Name();
    /// <summary>Empty means the kind's default folder (<see cref="DatasetKindEntry.DefaultFolder"/>; only fashion-mnist has one).</summary>
    public string DatasetPath { get; set; } = "";
    /// <summary>0 uses every image.</summary>
    public int ImagesPerClass { get; set; } = 200;
    /// <summary>Test classes only (query and gallery for In-shop); 0 follows <see cref="ImagesPerClass"/>.</summary>
    public int TestImagesPerClass { get; set; }
    /// <summary>Leave out unusable image files (counted) instead of stopping.</summary>
    public bool SkipBadImages { get; set; }
    /// <summary>Most pixels an image file may have (its header is checked before any pixel memory is taken).</summary>
    public int MaxImagePixels { get; set; } = (int)DatasetOptions.DefaultMaxImagePixels;
    /// <summary>
    /// Whether evaluation sums each image's embedding with its horizontal flip's before L2-normalising (the paper's
    /// protocol, DESIGN.md §4; the default). Every Recall@K a run reports, and the embeddings `embed` and `export` give,
    /// follow it.
    /// </summary>
    public bool EvalFlip { get; set; } = true;
    /// <summary>A name of <see cref="SelectionModes"/>: <c>validation</c> (ours) or <c>test</c> (the paper's protocol).</summary>
    public string Selection { get; set; } = SelectionMode.Validation.Name();
    /// <summary>
    /// Share of the training classes that become the validation split. Fashion-MNIST has 5 training classes: 0.4
    /// gives 2 validation classes, the fewest for which Recall@1 can fail (with one class every neighbour matches).
    /// </summary>
    public double ValidationFraction { get; set; } = 0.4;
    /// <summary>Deepest pruning Algorithm 1 tries; the job lowers it to K − 1 when the backbone has fewer blocks.</summary>
    public int MaxPruningDepth { get; set; } = 4;
    /// <summary>Must be true for <c>Selection = test</c>: it reproduces the paper but leaks test data into selection.</summary>
    public bool AllowTestSelection { get; set; }
}
