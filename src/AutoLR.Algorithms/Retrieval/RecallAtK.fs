namespace AutoLR.Algorithms

/// Reference Recall@K, O(N²): an oracle for tests, not for real data.
module RecallAtK =
    /// Fraction of queries whose K nearest neighbours by cosine similarity (the query itself excluded) contain an
    /// item of the same class. Embeddings need not be normalised. Ties broken by lower index first.
    let selfExcluded (embeddings: float32[][]) (labels: int[]) (ks: int[]) : float[] =
        failwith "contract stub: implemented in the foundation issue"

    /// Query/gallery mode (In-shop): neighbours come from the gallery only.
    let queryGallery (queries: float32[][]) (queryLabels: int[]) (gallery: float32[][]) (galleryLabels: int[]) (ks: int[]) : float[] =
        failwith "contract stub: implemented in the foundation issue"
