namespace AutoLR.Algorithms

/// Reference Recall@K, O(N²): an oracle for tests, not for real data.
module RecallAtK =
    /// Cosine similarity in double precision; 0 when either vector is zero (it has no direction).
    let cosine (a: float32[]) (b: float32[]) : float =
        let mutable dot = 0.0
        let mutable na = 0.0
        let mutable nb = 0.0
        for i in 0 .. a.Length - 1 do
            let x = float a[i]
            let y = float b[i]
            dot <- dot + x * y
            na <- na + x * x
            nb <- nb + y * y
        if na = 0.0 || nb = 0.0 then 0.0 else dot / (sqrt na * sqrt nb)

    /// For one query: the labels of candidates ordered by descending cosine similarity, lower index first on ties.
    let private rankedLabels (query: float32[]) (candidates: (int * float32[] * int)[]) : int[] =
        candidates
        |> Array.map (fun (index, embedding, label) -> index, cosine query embedding, label)
        |> Array.sortWith (fun (i, a, _) (j, b, _) -> match compare b a with 0 -> compare i j | c -> c)
        |> Array.map (fun (_, _, label) -> label)

    let private recall (queries: (float32[] * int * (int * float32[] * int)[])[]) (ks: int[]) : float[] =
        let firstHits =
            queries
            |> Array.map (fun (query, label, candidates) ->
                rankedLabels query candidates |> Array.tryFindIndex ((=) label))
        ks
        |> Array.map (fun k ->
            if queries.Length = 0 then 0.0
            else
                let hits = firstHits |> Array.filter (function Some rank -> rank < k | None -> false)
                float hits.Length / float queries.Length)

    /// Fraction of queries whose K nearest neighbours by cosine similarity (the query itself excluded) contain an
    /// item of the same class, for each K in ks. Embeddings need not be normalised. Ties broken by lower index first.
    let selfExcluded (embeddings: float32[][]) (labels: int[]) (ks: int[]) : float[] =
        let items = Array.init embeddings.Length (fun i -> i, embeddings[i], labels[i])
        let queries =
            items |> Array.map (fun (i, e, l) -> e, l, items |> Array.filter (fun (j, _, _) -> j <> i))
        recall queries ks

    /// Query/gallery mode (In-shop): neighbours come from the gallery only; same rule otherwise.
    let queryGallery (queries: float32[][]) (queryLabels: int[]) (gallery: float32[][]) (galleryLabels: int[]) (ks: int[]) : float[] =
        let candidates = Array.init gallery.Length (fun j -> j, gallery[j], galleryLabels[j])
        recall (Array.init queries.Length (fun i -> queries[i], queryLabels[i], candidates)) ks
