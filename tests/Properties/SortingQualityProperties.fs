module AutoLR.Properties.SortingQualityProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

/// Variations with ties: values drawn from a handful of levels.
let private tiedVariations =
    gen {
        let! k = blockCount
        let! levels = Gen.arrayOfLength 3 variation
        return! Gen.arrayOfLength k (Gen.elements levels)
    }

let private anyVariations =
    Gen.oneof [ variations; sortedVariations; tiedVariations; tiedVariations |> Gen.map Array.sort ]
    |> shrinking (fun v -> v.Length >= 2 && Array.forall (fun x -> x > 0.0) v) shrinkVariations

let rec private permutations (items: 'T list) : 'T list list =
    match items with
    | [] -> [ [] ]
    | _ ->
        items
        |> List.indexed
        |> List.collect (fun (i, x) ->
            let rest = items |> List.indexed |> List.filter (fun (j, _) -> j <> i) |> List.map snd
            permutations rest |> List.map (fun p -> x :: p))

[<Property(MaxTest = 1000)>]
let ``sorting quality lies in [0, 1]`` () =
    Prop.forAll anyVariations (fun v ->
        let sq = SortingQuality.sortingQuality v
        (0.0 <= sq |@ $"sorting quality {sq} at least 0") .&. (sq <= 1.0 |@ $"sorting quality {sq} at most 1"))

[<Property(MaxTest = 1000)>]
let ``sorting quality is 1 exactly when the variations are non-decreasing`` () =
    Prop.forAll anyVariations (fun v ->
        let sq = SortingQuality.sortingQuality v
        (sq = 1.0) = isNonDecreasing v |@ $"sorting quality {show sq} is 1 exactly when non-decreasing ({isNonDecreasing v})")

[<Property(MaxTest = 1000)>]
let ``sorting quality is unchanged by scaling the variations by a positive constant`` () =
    let scales = Arb.fromGen (Gen.elements [ 0.25; 0.5; 2.0; 4.0; 1024.0 ])
    Prop.forAll (Arb.zip (anyVariations, scales)) (fun (v, c) ->
        equals "sorting quality of the scaled variations" (SortingQuality.sortingQuality v)
            (SortingQuality.sortingQuality (v |> Array.map (fun x -> c * x))))

[<Property(MaxTest = 1000)>]
let ``sorting quality counts ranks ascending from 1 with ties ranked by layer index`` () =
    Prop.forAll anyVariations (fun v ->
        let k = v.Length
        let rank i = 1 + (v |> Array.indexed |> Array.filter (fun (j, x) -> x < v[i] || (x = v[i] && j < i)) |> Array.length)
        let displacement = List.sum [ for i in 0 .. k - 1 -> abs (i + 1 - rank i) ]
        near $"sorting quality from a displacement of {displacement}" (1.0 - 2.0 * float displacement / float (k * k))
            (SortingQuality.sortingQuality v))

[<Property(MaxTest = 200)>]
let ``for distinct values the reversed order gives the minimum sorting quality over all orders`` () =
    let small = gen {
        let! k = Gen.choose (2, 6)
        return! Gen.arrayOfLength k variation }
    let distinct (v: float[]) = v.Length >= 2 && (Array.distinct v).Length = v.Length
    Prop.forAll (shrinking distinct shrinkVariations small) (fun v ->
        let k = v.Length
        let reversed = SortingQuality.sortingQuality (Array.sortDescending v)
        let minimum = permutations (List.ofArray v) |> List.map (Array.ofList >> SortingQuality.sortingQuality) |> List.min
        equals "reversed order's sorting quality against the minimum over all orders" minimum reversed
        .&. near "reversed order's sorting quality" (1.0 - 2.0 * float (k * k / 2) / float (k * k)) reversed)
