module AutoLR.Properties.TargetProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses
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
            equals $"{rule.Name}: number of targets" v.Length targets.Length
            .&. about $"{rule.Name}: targets do not decrease" targets (isNonDecreasing targets)
            .&. lazy (near $"{rule.Name}: first target, α·min v" (alpha * Array.min v) targets[0])
            .&. lazy (near $"{rule.Name}: last target, β·max v" (beta * Array.max v) targets[targets.Length - 1])
        | Error e -> false |@ $"{rule.Name} refused a non-empty range: {show e}")

[<Property(MaxTest = 1000)>]
let ``every initial-target rule gives the typed error exactly when the range is empty, naming its ends`` () =
    Prop.forAll (everyRule anyCase) (fun (rule, ((alpha, beta), v)) ->
        match rule.Rule (variationsUnder alpha beta v) with
        | Error (EmptyRange (low, high)) ->
            (rangeIsEmpty (alpha, beta) v |@ $"{rule.Name} gave the empty-range error for a non-empty range")
            .&. equals "the error's low end, α·min v" (alpha * Array.min v) low
            .&. equals "the error's high end, β·max v" (beta * Array.max v) high
        | Ok targets -> about $"{rule.Name} gives targets only for a non-empty range" targets (not (rangeIsEmpty (alpha, beta) v)))

[<Property(MaxTest = 1000)>]
let ``the linear ramp has equal steps between neighbours`` () =
    Prop.forAll nonEmptyCase (fun ((alpha, beta), v) ->
        match InitialTargets.initialTargets alpha beta v with
        | Ok targets -> about "equal steps between neighbours" (steps targets) (allEqual (steps targets))
        | Error e -> false |@ $"the linear ramp refused a non-empty range: {show e}")

[<Property(MaxTest = 1000)>]
let ``the geometric ramp has equal ratios between neighbours`` () =
    Prop.forAll nonEmptyCase (fun ((alpha, beta), v) ->
        match GeometricTargets.initialTargets alpha beta v with
        | Ok targets -> about "equal ratios between neighbours" (ratios targets) (allEqual (ratios targets))
        | Error e -> false |@ $"the geometric ramp refused a non-empty range: {show e}")

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
        equals "number of targets" v.Length renewal.Targets.Length
        .&. about "every target positive" renewal.Targets (Array.forall (fun t -> t > 0.0) renewal.Targets)
        .&. about "targets do not decrease" renewal.Targets (isNonDecreasing renewal.Targets))

[<Property(MaxTest = 1000)>]
let ``partial renewal leaves already non-decreasing variations unchanged`` () =
    Prop.forAll sortedRenewalCase (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        equals "targets" v renewal.Targets .&. equals "floored blocks" [] (flooredBlocks renewal))

[<Property(MaxTest = 1000)>]
let ``partial renewal keeps the centre block's variation as its target`` () =
    Prop.forAll renewalCase (fun ((alpha, beta), fraction, v) ->
        equals $"centre block {centreIndex v + 1}'s target" v[centreIndex v] (PartialRenewal.renewTargets alpha beta fraction v).Targets[centreIndex v])

[<Property(MaxTest = 1000)>]
let ``partial renewal only raises blocks above the centre and only lowers blocks below it`` () =
    Prop.forAll renewalCase (fun ((alpha, beta), fraction, v) ->
        let t = (PartialRenewal.renewTargets alpha beta fraction v).Targets
        let c = centreIndex v
        [ 0 .. v.Length - 1 ] |> every (fun i -> $"block {i + 1} (centre {c + 1})") (fun i ->
            ((i <= c || t[i] >= v[i]) |@ $"above the centre, target {t[i]} not below variation {v[i]}")
            .&. ((i >= c || t[i] <= v[i]) |@ $"below the centre, target {t[i]} not above variation {v[i]}")))

[<Property(MaxTest = 1000)>]
let ``each renewed target is its block's variation, one step from its neighbour toward the centre, or the floor`` () =
    Prop.forAll renewalCase (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        let t = renewal.Targets
        let c = centreIndex v
        let towardCentre i = if i > c then t[i - 1] else t[i + 1]
        [ 0 .. v.Length - 1 ]
        |> every (fun i -> $"block {i + 1} (centre {c + 1})") (fun i ->
            (i = c || t[i] = v[i] || close (abs (t[i] - towardCentre i)) renewal.Step || t[i] = fraction * Array.min v)
            |@ $"target {t[i]} is neither the variation {v[i]}, one step {renewal.Step} from {towardCentre i}, nor the floor {fraction * Array.min v}"))

[<Property(MaxTest = 1000)>]
let ``the floor binds exactly where a target-floor event says so, and no target is below it`` () =
    Prop.forAll renewalCase (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        let floor = fraction * Array.min v
        let floored = flooredBlocks renewal
        about $"no target below the floor {floor}" renewal.Targets (renewal.Targets |> Array.forall (fun t -> t >= floor))
        .&. ([ 0 .. v.Length - 1 ] |> every blockName (fun i ->
            about $"target at the floor {floor} exactly when a target-floor event names the block (target, events)"
                (renewal.Targets[i], renewal.Events) ((renewal.Targets[i] = floor) = List.contains i floored))))

[<Property(MaxTest = 1000)>]
let ``partial renewal walks with a positive step, and reports the fallback exactly when the target range is empty`` () =
    Prop.forAll renewalCase (fun ((alpha, beta), fraction, v) ->
        let renewal = PartialRenewal.renewTargets alpha beta fraction v
        let fellBack = renewal.Events |> List.contains StepFallback
        equals "step fallback reported, as the range is empty" (rangeIsEmpty (alpha, beta) v) fellBack
        .&. ((renewal.Step > 0.0 || Array.max v = Array.min v) |@ $"step {renewal.Step} positive unless all variations are equal"))
