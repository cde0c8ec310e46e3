namespace AutoLR.Torch.Data;

/// <summary>
/// An opened data set: the training split and either one test split (Recall@K over all test images, each query
/// excluded from its own neighbours) or a query and a gallery split sharing one label map (In-shop).
/// </summary>
public sealed record RetrievalDataset(
    DatasetKind Kind,
    IRetrievalSplit Train,
    IRetrievalSplit? Test,
    IRetrievalSplit? Query = null,
    IRetrievalSplit? Gallery = null)
{
    /// <summary>True when evaluation is query against gallery rather than all-against-all over <see cref="Test"/>.</summary>
    public bool IsQueryGallery => Query is not null;
}
