module AutoLR.Properties.PruningSearchProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators

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
        asked = [ 0 .. expectedLast ]
        && result.Scores = [| for p in 0 .. expectedLast -> p, scores[p] |]
        && result.StoppedBecause = (if firstDrop.IsSome then "score dropped" else "cap reached"))

[<Property(MaxTest = 1000)>]
let ``the pruning search never passes the cap`` () =
    Prop.forAll case (fun (maxDepth, scores) ->
        let asked, result = search maxDepth scores
        List.forall (fun p -> p <= maxDepth) asked && result.BestDepth <= maxDepth)

[<Property(MaxTest = 1000)>]
let ``the pruning search returns the depth with the highest score, the deeper one on ties`` () =
    Prop.forAll case (fun (maxDepth, scores) ->
        let _, result = search maxDepth scores
        let evaluated = result.Scores |> Array.map snd
        let best = Array.max evaluated
        result.BestScore = best
        && result.BestDepth = Array.findIndexBack ((=) best) evaluated
        && snd result.Scores[result.BestDepth] = best)

[<Property(MaxTest = 300)>]
let ``equal scores keep the pruning search going, as Algorithm 1 line 6 uses ≥`` () =
    let case =
        Gen.zip (Gen.choose (1, 15)) (uniform 0.0 1.0)
        |> shrinking (fun (maxDepth, score) -> maxDepth >= 1 && 0.0 <= score && score <= 1.0)
            (shrinkPair (shrinkToward 1) (shrinkWithin 0.0 1.0 0.5))
    Prop.forAll case (fun (maxDepth, score) ->
        let asked, result = search maxDepth (Array.create 17 score)
        asked = [ 0 .. maxDepth ] && result.BestDepth = maxDepth && result.StoppedBecause = "cap reached")
