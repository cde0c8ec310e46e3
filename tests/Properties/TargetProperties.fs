module AutoLR.Properties.TargetProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators

let private rangeIsEmpty (alpha, beta) (v: float[]) = beta * Array.max v <= alpha * Array.min v

let private nonEmptyCase =
    Gen.zip alphaBeta variations |> Gen.filter (fun (ab, v) -> not (rangeIsEmpty ab v))

/// Variations within a factor 2 of each other, with α ≥ 1 and β ≤ 0.5: always an empty range.
let private emptyCase = Gen.zip (Gen.zip (uniform 1.0 3.0) (uniform 0.1 0.5)) narrowVariations

[<Property(MaxTest = 1000)>]
let ``initial targets are a non-decreasing ramp from α·min v to β·max v`` () =
    Prop.forAll (arb nonEmptyCase) (fun ((alpha, beta), v) ->
        match InitialTargets.initialTargets alpha beta v with
        | Ok targets ->
            targets.Length = v.Length
            && isNonDecreasing targets
            && close targets[0] (alpha * Array.min v)
            && close targets[targets.Length - 1] (beta * Array.max v)
        | Error _ -> false)

[<Property(MaxTest = 1000)>]
let ``initial targets step by eq. 10's d between neighbours`` () =
    Prop.forAll (arb nonEmptyCase) (fun ((alpha, beta), v) ->
        let d = (beta * Array.max v - alpha * Array.min v) / float (v.Length - 1)
        match InitialTargets.initialTargets alpha beta v with
        | Ok targets -> targets |> Array.mapi (fun i t -> close t (alpha * Array.min v + float i * d)) |> Array.forall id
        | Error _ -> false)

[<Property(MaxTest = 1000)>]
let ``an empty target range gives the typed error, never a ramp`` () =
    Prop.forAll (arb (Gen.oneof [ emptyCase; Gen.zip alphaBeta variations ])) (fun ((alpha, beta), v) ->
        match InitialTargets.initialTargets alpha beta v with
        | Error (EmptyRange (low, high)) ->
            rangeIsEmpty (alpha, beta) v && low = alpha * Array.min v && high = beta * Array.max v
        | Ok _ -> not (rangeIsEmpty (alpha, beta) v))

let private renewalCase =
    Gen.zip3 alphaBeta floorFraction (Gen.oneof [ variations; sortedVariations; narrowVariations ])

[<Property(MaxTest = 1000)>]
let ``partial renewal gives positive non-decreasing targets`` () =
    Prop.forAll (arb renewalCase) (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        renewal.Targets.Length = v.Length && Array.forall (fun t -> t > 0.0) renewal.Targets && isNonDecreasing renewal.Targets)

[<Property(MaxTest = 1000)>]
let ``partial renewal leaves already non-decreasing variations unchanged`` () =
    Prop.forAll (arb (Gen.zip3 alphaBeta floorFraction sortedVariations)) (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        renewal.Targets = v && not (renewal.Events |> List.exists (function TargetFloor _ -> true | _ -> false)))

[<Property(MaxTest = 1000)>]
let ``partial renewal keeps the centre block's variation as its target`` () =
    Prop.forAll (arb renewalCase) (fun ((alpha, beta), fraction, v) ->
        let centre = (v.Length + 1) / 2 // ⌈K/2⌉, 1-based
        (PartialRenewal.renewTargets alpha beta fraction v).Targets[centre - 1] = v[centre - 1])

[<Property(MaxTest = 1000)>]
let ``partial renewal falls back to (max v − min v)/(K−1) exactly when eq. 10 gives d ≤ 0, and says so`` () =
    Prop.forAll (arb renewalCase) (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        let k = float (v.Length - 1)
        let eq10 = (beta * Array.max v - alpha * Array.min v) / k
        let fellBack = renewal.Events |> List.contains StepFallback
        if eq10 <= 0.0 then fellBack && close renewal.Step ((Array.max v - Array.min v) / k)
        else not fellBack && close renewal.Step eq10)

[<Property(MaxTest = 1000)>]
let ``partial renewal follows eqs. 12–13 at every block, with the floor reported where it binds`` () =
    Prop.forAll (arb renewalCase) (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        let t = renewal.Targets
        let d = renewal.Step
        let floor = fraction * Array.min v
        let c = (v.Length + 1) / 2 - 1
        let floored = renewal.Events |> List.choose (function TargetFloor b -> Some (b - 1) | _ -> None)
        let up = [ for i in c + 1 .. v.Length - 1 -> t[i] = (if v[i] >= t[i - 1] then v[i] else t[i - 1] + d) ]
        let down =
            [ for i in 0 .. c - 1 ->
                let walked = if v[i] <= t[i + 1] then v[i] else t[i + 1] - d
                if walked < floor then t[i] = floor && List.contains i floored
                else t[i] = walked && not (List.contains i floored) ]
        List.forall id (up @ down))
