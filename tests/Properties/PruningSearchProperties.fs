module AutoLR.Properties.PruningSearchProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

/// A cap and one score per depth 0..16; scores from few levels so that equal scores are common.
let private case =
    gen {
        let! maxDepth = Gen.choose (0, 15)
        let! scores = Gen.arrayOfLength 17 (Gen.choose (0, 6) |> Gen.map (fun i -> float i / 6.0))
        return maxDepth, scores
    }
    |> shrinking (fun (maxDepth, scores) -> 0 <= maxDepth && maxDepth <= 15 && scores.Length = 17)
        (shrinkPair (shrinkToward 0) (fun scores ->
            seq { for p in 0 .. scores.Length - 1 do if scores[p] <> 0.0 then yield Array.updateAt p 0.0 scores }))

/// Drive the search, answering each TryDepth p with scores[p]; the depths asked for and the result.
let private search (maxDepth: int) (scores: float[]) : int list * PruningResult =
    let rec loop (decision, state) asked =
        match decision with
        | TryDepth depth -> loop (PruningSearch.observe state scores[depth]) (depth :: asked)
        | Finished result -> List.rev asked, result
    loop (PruningSearch.start maxDepth) []

[<Property(MaxTest = 1000)>]
let ``the pruning search tries depths 0, 1, 2, … and stops at the first drop or the cap`` () =
    Prop.forAll case (fun (maxDepth, scores) ->
        let asked, result = search maxDepth scores
        let firstDrop = [ 1 .. maxDepth ] |> List.tryFind (fun p -> scores[p] < scores[p - 1])
        let expectedLast = defaultArg firstDrop maxDepth
        equals "depths tried" [ 0 .. expectedLast ] asked
        .&. equals "scores recorded" [| for p in 0 .. expectedLast -> p, scores[p] |] result.Scores
        .&. equals "reason for stopping" (if firstDrop.IsSome then "score dropped" else "cap reached") result.StoppedBecause)

[<Property(MaxTest = 1000)>]
let ``the pruning search never passes the cap`` () =
    Prop.forAll case (fun (maxDepth, scores) ->
        let asked, result = search maxDepth scores
        about $"every depth tried at most the cap {maxDepth}" asked (List.forall (fun p -> p <= maxDepth) asked)
        .&. (result.BestDepth <= maxDepth |@ $"best depth {result.BestDepth} at most the cap {maxDepth}"))

[<Property(MaxTest = 1000)>]
let ``the pruning search returns the depth with the highest score, the deeper one on ties`` () =
    Prop.forAll case (fun (maxDepth, scores) ->
        let _, result = search maxDepth scores
        let evaluated = result.Scores |> Array.map snd
        let best = Array.max evaluated
        equals "best score" best result.BestScore
        .&. equals $"best depth, the deepest scoring {best}" (Array.findIndexBack ((=) best) evaluated) result.BestDepth
        .&. lazy (equals "score recorded at the best depth" best (snd result.Scores[result.BestDepth])))

[<Property(MaxTest = 300)>]
let ``equal scores keep the pruning search going, as Algorithm 1 line 6 uses ≥`` () =
    let case =
        Gen.zip (Gen.choose (1, 15)) (uniform 0.0 1.0)
        |> shrinking (fun (maxDepth, score) -> maxDepth >= 1 && 0.0 <= score && score <= 1.0)
            (shrinkPair (shrinkToward 1) (shrinkWithin 0.0 1.0 0.5))
    Prop.forAll case (fun (maxDepth, score) ->
        let asked, result = search maxDepth (Array.create 17 score)
        equals "depths tried" [ 0 .. maxDepth ] asked .&. equals "best depth" maxDepth result.BestDepth
        .&. equals "reason for stopping" "cap reached" result.StoppedBecause)
