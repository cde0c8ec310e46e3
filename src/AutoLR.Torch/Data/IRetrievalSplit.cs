namespace AutoLR.Torch.Data;

/// <summary>
/// One class-disjoint split of a retrieval data set (DESIGN §4): an <see cref="IImageDataset"/> whose dense labels
/// 0..C−1 map back to the class identities of the source files, with a record of what was left out while opening it.
/// </summary>
public interface IRetrievalSplit : IImageDataset
{
    /// <summary>What this split is, e.g. "cub200 train (classes 1–100)", for logs and run records.</summary>
    string Description { get; }

    /// <summary>The source's class id of each dense label (CUB "101", In-shop "id_00000080", a folder name).</summary>
    IReadOnlyList<string> ClassIds { get; }

    /// <summary>Images left out because they were unreadable, empty, too large, truncated or undecodable (only with <c>SkipBadImages</c>).</summary>
    int SkippedImages { get; }

    /// <summary>Classes left out because they had a single image (only with <c>DropSingletonClasses</c>).</summary>
    int DroppedClasses { get; }
}
