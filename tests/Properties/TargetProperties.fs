module AutoLR.Properties.TargetProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.RuleInputs

let private rangeIsEmpty (alpha, beta) (v: float[]) = beta * Array.max v <= alpha * Array.min v

let private valid ((alpha, beta), v: float[]) = alpha > 0.0 && beta > 0.0 && v.Length >= 2 && Array.forall (fun x -> x > 0.0) v

let private shrinkCase = shrinkPair shrinkAlphaBeta shrinkVariations

/// α, β and variations whose target range is not empty.
let private nonEmptyCase =
    Gen.zip alphaBeta variations
    |> shrinking (fun (ab, v) -> valid (ab, v) && not (rangeIsEmpty ab v)) shrinkCase

/// Variations within a factor 2 of each other, with α ≥ 1 and β ≤ 0.5, or any: empty and non-empty ranges.
let private anyCase =
    Gen.oneof [ Gen.zip (Gen.zip (uniform 1.0 3.0) (uniform 0.1 0.5)) narrowVariations; Gen.zip alphaBeta variations ]
    |> shrinking valid shrinkCase

/// Every rule of the catalogue, with the case it is checked on: each registered rule meets the contract of eqs. 10–11.
let private everyRule (case: FsCheck.Arbitrary<'Case>) =
    Arb.zip (Arb.fromGen (Gen.elements RuleCatalog.initialTargets), case)

let private ratios (t: float[]) = t |> Array.pairwise |> Array.map (fun (a, b) -> b / a)
let private steps (t: float[]) = t |> Array.pairwise |> Array.map (fun (a, b) -> b - a)
let private allEqual (x: float[]) = x |> Array.forall (close x[0])

[<Property(MaxTest = 1000)>]
let ``every initial-target rule ramps up from α·min v to β·max v, one target per block`` () =
    Prop.forAll (everyRule nonEmptyCase) (fun (rule, ((alpha, beta), v)) ->
        match rule.Rule (variationsUnder alpha beta v) with
        | Ok targets ->
            targets.Length = v.Length
            && isNonDecreasing targets
            && close targets[0] (alpha * Array.min v)
            && close targets[targets.Length - 1] (beta * Array.max v)
        | Error _ -> false)

[<Property(MaxTest = 1000)>]
let ``every initial-target rule gives the typed error exactly when the range is empty, naming its ends`` () =
    Prop.forAll (everyRule anyCase) (fun (rule, ((alpha, beta), v)) ->
        match rule.Rule (variationsUnder alpha beta v) with
        | Error (EmptyRange (low, high)) ->
            rangeIsEmpty (alpha, beta) v && low = alpha * Array.min v && high = beta * Array.max v
        | Ok _ -> not (rangeIsEmpty (alpha, beta) v))

[<Property(MaxTest = 1000)>]
let ``the linear ramp has equal steps between neighbours`` () =
    Prop.forAll nonEmptyCase (fun ((alpha, beta), v) ->
        match InitialTargets.initialTargets alpha beta v with
        | Ok targets -> allEqual (steps targets)
        | Error _ -> false)

[<Property(MaxTest = 1000)>]
let ``the geometric ramp has equal ratios between neighbours`` () =
    Prop.forAll nonEmptyCase (fun ((alpha, beta), v) ->
        match GeometricTargets.initialTargets alpha beta v with
        | Ok targets -> allEqual (ratios targets)
        | Error _ -> false)

let private renewalCase =
    Gen.zip3 alphaBeta floorFraction (Gen.oneof [ variations; sortedVariations; narrowVariations ])
    |> shrinking (fun (ab, f, v) -> valid (ab, v) && 0.0 < f && f < 1.0) (shrinkTriple shrinkAlphaBeta shrinkFloorFraction shrinkVariations)

let private sortedRenewalCase =
    Gen.zip3 alphaBeta floorFraction sortedVariations
    |> shrinking (fun (ab, f, v) -> valid (ab, v) && 0.0 < f && f < 1.0 && isNonDecreasing v)
        (shrinkTriple shrinkAlphaBeta shrinkFloorFraction shrinkVariations)

/// ⌈K/2⌉ − 1, the centre block's 0-based index.
let private centreIndex (v: float[]) = (v.Length + 1) / 2 - 1

let private flooredBlocks (renewal: TargetRenewal) =
    renewal.Events |> List.choose (function TargetFloor block -> Some (block - 1) | _ -> None)

[<Property(MaxTest = 1000)>]
let ``partial renewal gives positive non-decreasing targets`` () =
    Prop.forAll renewalCase (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        renewal.Targets.Length = v.Length && Array.forall (fun t -> t > 0.0) renewal.Targets && isNonDecreasing renewal.Targets)

[<Property(MaxTest = 1000)>]
let ``partial renewal leaves already non-decreasing variations unchanged`` () =
    Prop.forAll sortedRenewalCase (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        renewal.Targets = v && List.isEmpty (flooredBlocks renewal))

[<Property(MaxTest = 1000)>]
let ``partial renewal keeps the centre block's variation as its target`` () =
    Prop.forAll renewalCase (fun ((alpha, beta), fraction, v) ->
        (PartialRenewal.renewTargets alpha beta fraction v).Targets[centreIndex v] = v[centreIndex v])

[<Property(MaxTest = 1000)>]
let ``partial renewal only raises blocks above the centre and only lowers blocks below it`` () =
    Prop.forAll renewalCase (fun ((alpha, beta), fraction, v) ->
        let t = (PartialRenewal.renewTargets alpha beta fraction v).Targets
        let c = centreIndex v
        [ 0 .. v.Length - 1 ] |> List.forall (fun i -> (i <= c || t[i] >= v[i]) && (i >= c || t[i] <= v[i])))

[<Property(MaxTest = 1000)>]
let ``each renewed target is its block's variation, one step from its neighbour toward the centre, or the floor`` () =
    Prop.forAll renewalCase (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        let t = renewal.Targets
        let c = centreIndex v
        let towardCentre i = if i > c then t[i - 1] else t[i + 1]
        [ 0 .. v.Length - 1 ]
        |> List.forall (fun i ->
            i = c || t[i] = v[i] || close (abs (t[i] - towardCentre i)) renewal.Step || t[i] = fraction * Array.min v))

[<Property(MaxTest = 1000)>]
let ``the floor binds exactly where a target-floor event says so, and no target is below it`` () =
    Prop.forAll renewalCase (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        let floor = fraction * Array.min v
        let floored = flooredBlocks renewal
        renewal.Targets |> Array.forall (fun t -> t >= floor)
        && [ 0 .. v.Length - 1 ] |> List.forall (fun i -> (renewal.Targets[i] = floor) = List.contains i floored))

[<Property(MaxTest = 1000)>]
let ``partial renewal walks with a positive step, and reports the fallback exactly when the target range is empty`` () =
    Prop.forAll renewalCase (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        let fellBack = renewal.Events |> List.contains StepFallback
        fellBack = rangeIsEmpty (alpha, beta) v
        && (renewal.Step > 0.0 || Array.max v = Array.min v))
