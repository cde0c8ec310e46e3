module AutoLR.Properties.WeightVariationProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

let private equalChanges =
    gen {
        let! delta = uniform -1.0 1.0
        let! n = Gen.choose (1, 100_000)
        return delta, n
    }
    |> shrinking (fun (delta, n) -> -1.0 <= delta && delta <= 1.0 && n >= 1)
        (shrinkPair (shrinkWithin -1.0 1.0 0.5) (shrinkToward 1))

[<Property(MaxTest = 500)>]
let ``a block of n equal changes δ has variation |δ| per sqrt weight and |δ|/sqrt n per weight`` () =
    Prop.forAll equalChanges (fun (delta, n) ->
        let change = BlockMeasurement.ofSquaredChange (int64 n) (float n * delta * delta)
        near "per-sqrt-weight variation" (abs delta) (WeightVariation.perSqrtWeight change)
        .&. near "per-weight variation" (abs delta / sqrt (float n)) (WeightVariation.perWeight change))

[<Property(MaxTest = 500)>]
let ``the per-weight variation is the per-sqrt-weight variation divided by sqrt n`` () =
    let case =
        Gen.zip (logUniform -6.0 6.0) (Gen.choose (1, 10_000_000))
        |> shrinking (fun (squared, n) -> squared > 0.0 && n >= 1) (shrinkPair shrinkPositive (shrinkToward 1))
    Prop.forAll case (fun (squared, n) ->
        let change = BlockMeasurement.ofSquaredChange (int64 n) squared
        near "per-weight variation" (WeightVariation.perSqrtWeight change / sqrt (float n)) (WeightVariation.perWeight change))
