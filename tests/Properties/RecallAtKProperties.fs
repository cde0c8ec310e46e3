module AutoLR.Properties.RecallAtKProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

/// Embeddings from a small integer grid (so that exact similarity ties happen), with labels from a few classes.
let private embeddings (n: int) (dim: int) =
    Gen.arrayOfLength n (Gen.arrayOfLength dim (Gen.choose (-2, 2) |> Gen.map float32))

let private labelled =
    gen {
        let! n = Gen.choose (2, 25)
        let! dim = Gen.choose (1, 4)
        let! e = embeddings n dim
        let! classes = Gen.choose (1, 5)
        let! labels = Gen.arrayOfLength n (Gen.choose (1, classes))
        return e, labels
    }

/// Fewer items (at least `least`), or one coordinate of one embedding at 0.
let private shrinkItems (least: int) (e: float32[][], labels: int[]) : seq<float32[][] * int[]> =
    seq {
        if e.Length > least then
            for i in 0 .. e.Length - 1 -> Array.removeAt i e, Array.removeAt i labels
        for i in 0 .. e.Length - 1 do
            for d in 0 .. e[i].Length - 1 do
                if e[i][d] <> 0.0f then yield Array.updateAt i (Array.updateAt d 0.0f e[i]) e, labels
    }

let private sameShape (e: float32[][], labels: int[]) = e.Length = labels.Length && e |> Array.forall (fun x -> x.Length = e[0].Length)

let private labelledItems = labelled |> shrinking (fun (e, labels) -> e.Length >= 2 && sameShape (e, labels)) (shrinkItems 2)

let private ks = [| 1; 2; 4; 8; 16; 32 |]

/// Cosine similarity written out independently (0 for a zero vector).
let private similarity (a: float32[]) (b: float32[]) =
    let dot = Array.fold2 (fun acc x y -> acc + float x * float y) 0.0 a b
    let norm (x: float32[]) = sqrt (x |> Array.sumBy (fun y -> float y * float y))
    if norm a = 0.0 || norm b = 0.0 then 0.0 else dot / (norm a * norm b)

/// Brute force: a query hits at K when fewer than K candidates come before its best same-class candidate, where
/// j comes before m when sim(j) > sim(m), or equal and j < m.
let private bruteForce (queries: (float32[] * int * (int * float32[] * int)[])[]) (k: int) =
    let hit (query, label, candidates: (int * float32[] * int)[]) =
        let before (j, ej, _) (m, em, _) =
            let sj = similarity query ej
            let sm = similarity query em
            sj > sm || (sj = sm && j < m)
        candidates
        |> Array.filter (fun (_, _, l) -> l = label)
        |> Array.exists (fun target -> (candidates |> Array.filter (fun c -> before c target)).Length < k)
    if queries.Length = 0 then 0.0
    else float (queries |> Array.filter hit).Length / float queries.Length

[<Property(MaxTest = 300)>]
let ``recall at K lies in [0, 1] and does not decrease with K`` () =
    Prop.forAll labelledItems (fun (e, labels) ->
        let recall = RecallAtK.selfExcluded e labels ks
        about "every recall in [0, 1]" recall (Array.forall (fun r -> 0.0 <= r && r <= 1.0) recall)
        .&. about $"recall not decreasing over K = {show ks}" recall (isNonDecreasing recall))

[<Property(MaxTest = 300)>]
let ``self-excluded recall at K equals a brute-force count`` () =
    Prop.forAll labelledItems (fun (e, labels) ->
        let queries =
            Array.init e.Length (fun i ->
                e[i], labels[i], [| for j in 0 .. e.Length - 1 do if j <> i then j, e[j], labels[j] |])
        equals $"recall at K = {show ks}, against brute force" (ks |> Array.map (bruteForce queries)) (RecallAtK.selfExcluded e labels ks))

[<Property(MaxTest = 300)>]
let ``query/gallery recall at K equals a brute-force count over the gallery`` () =
    let case = gen {
        let! queries, queryLabels = labelled
        let! g = Gen.choose (1, 25)
        let! gallery = embeddings g queries[0].Length
        let! galleryLabels = Gen.arrayOfLength g (Gen.choose (1, 5))
        return queries, queryLabels, gallery, galleryLabels }
    let valid (queries: float32[][], queryLabels, gallery: float32[][], galleryLabels) =
        queries.Length >= 2 && gallery.Length >= 1 && sameShape (queries, queryLabels) && sameShape (gallery, galleryLabels)
        && gallery[0].Length = queries[0].Length
    let shrink (queries, queryLabels, gallery, galleryLabels) =
        seq {
            for q, ql in shrinkItems 2 (queries, queryLabels) -> q, ql, gallery, galleryLabels
            for g, gl in shrinkItems 1 (gallery, galleryLabels) -> queries, queryLabels, g, gl
        }
    Prop.forAll (shrinking valid shrink case) (fun (queries, queryLabels, gallery, galleryLabels) ->
        let candidates = Array.init gallery.Length (fun j -> j, gallery[j], galleryLabels[j])
        let brute = Array.init queries.Length (fun i -> queries[i], queryLabels[i], candidates)
        equals $"recall at K = {show ks}, against brute force" (ks |> Array.map (bruteForce brute))
            (RecallAtK.queryGallery queries queryLabels gallery galleryLabels ks))

[<Property(MaxTest = 300)>]
let ``recall at K with K at least N − 1 is the fraction of items with another item of their class`` () =
    Prop.forAll labelledItems (fun (e, labels) ->
        let n = labels.Length
        let withPartner = labels |> Array.filter (fun l -> (labels |> Array.filter ((=) l)).Length > 1)
        equals $"recall at K = N − 1 = {n - 1}" [| float withPartner.Length / float n |] (RecallAtK.selfExcluded e labels [| n - 1 |]))
