module AutoLR.Properties.LrRenewalProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

/// LRs, targets, variations (some zero) for K blocks, and clamps around the base LR that sometimes bind.
let private renewalCase =
    gen {
        let! k = blockCount
        let! lrs = Gen.arrayOfLength k learningRate
        let! targets = Gen.arrayOfLength k variation
        let! v = Gen.arrayOfLength k (Gen.frequency [ 1, Gen.constant 0.0; 6, variation ])
        let! lrMin = logUniform -7.0 -3.0
        let! lrMax = logUniform -2.0 1.0
        return lrs |> Array.map (fun lr -> min lrMax (max lrMin lr)), targets, v, lrMin, lrMax
    }
    |> shrinking
        (fun (lrs, targets, v, lrMin, lrMax) ->
            lrs.Length >= 2 && lrs.Length = targets.Length && lrs.Length = v.Length && lrMin < lrMax
            && Array.forall (fun lr -> lrMin <= lr && lr <= lrMax) lrs
            && Array.forall (fun t -> t > 0.0) targets && Array.forall (fun x -> x >= 0.0) v)
        (fun (lrs, targets, v, lrMin, lrMax) ->
            seq {
                if lrs.Length > 2 then
                    for i in 0 .. lrs.Length - 1 -> Array.removeAt i lrs, Array.removeAt i targets, Array.removeAt i v, lrMin, lrMax
                for l in shrinkEach lrs -> l, targets, v, lrMin, lrMax
                for t in shrinkEach targets -> lrs, t, v, lrMin, lrMax
                for w in shrinkEach v -> lrs, targets, w, lrMin, lrMax
            })

[<Property(MaxTest = 1000)>]
let ``renewed LR over old LR equals target over variation inside the clamps`` () =
    Prop.forAll renewalCase (fun (lrs, targets, v, lrMin, lrMax) ->
        let renewal = LrRenewal.renewLearningRates lrMin lrMax lrs targets v
        let clamped = renewal.Events |> List.choose (function LrClamped b -> Some (b - 1) | _ -> None)
        [ 0 .. lrs.Length - 1 ]
        |> every blockName (fun i ->
            if v[i] = 0.0 then noClaim
            else
                let raw = lrs[i] * targets[i] / v[i]
                let clampEvent = List.contains i clamped
                if raw < lrMin then equals $"LR clamped up from {raw}" lrMin renewal.Lrs[i] .&. (clampEvent |@ "an lr-clamped event")
                elif raw > lrMax then equals $"LR clamped down from {raw}" lrMax renewal.Lrs[i] .&. (clampEvent |@ "an lr-clamped event")
                else
                    near "renewed LR over old LR, target over variation" (targets[i] / v[i]) (renewal.Lrs[i] / lrs[i])
                    .&. (not clampEvent |@ $"no lr-clamped event, as {raw} lies in [{lrMin}, {lrMax}]")))

[<Property(MaxTest = 1000)>]
let ``a block with zero variation keeps its LR`` () =
    Prop.forAll renewalCase (fun (lrs, targets, v, lrMin, lrMax) ->
        let renewal = LrRenewal.renewLearningRates lrMin lrMax lrs targets v
        [ 0 .. lrs.Length - 1 ] |> every blockName (fun i ->
            if v[i] <> 0.0 then noClaim else equals "the LR of a block with zero variation" lrs[i] renewal.Lrs[i]))

[<Property(MaxTest = 1000)>]
let ``renewed LRs always lie in [LrMin, LrMax]`` () =
    Prop.forAll renewalCase (fun (lrs, targets, v, lrMin, lrMax) ->
        let renewed = (LrRenewal.renewLearningRates lrMin lrMax lrs targets v).Lrs
        about $"every renewed LR in [{lrMin}, {lrMax}]" renewed (renewed |> Array.forall (fun lr -> lrMin <= lr && lr <= lrMax)))
