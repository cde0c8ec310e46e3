/// Generators of valid inputs only, their shrinkers (which keep inputs valid: positive variations, K ≥ 2, values in
/// their ranges), and the float comparison every property uses.
module AutoLR.Properties.Generators

open FsCheck
open FsCheck.FSharp

/// Equal within a relative tolerance of 1e-9 (exactly equal covers zero).
let close (a: float) (b: float) = a = b || abs (a - b) <= 1e-9 * max (abs a) (abs b)

let allClose (a: float[]) (b: float[]) = a.Length = b.Length && Array.forall2 close a b

let isNonDecreasing (v: float[]) = v |> Array.pairwise |> Array.forall (fun (a, b) -> a <= b)

/// A positive float spread log-uniformly over [10^lo, 10^hi] in 1e-4 decade steps.
let logUniform (lo: float) (hi: float) : Gen<float> =
    Gen.choose (int (lo * 10000.0), int (hi * 10000.0)) |> Gen.map (fun i -> 10.0 ** (float i / 10000.0))

/// A uniform float in [lo, hi] in steps of (hi − lo)/10⁶.
let uniform (lo: float) (hi: float) : Gen<float> =
    Gen.choose (0, 1_000_000) |> Gen.map (fun i -> lo + (hi - lo) * float i / 1e6)

/// A positive weight variation (eq. 1 values are small: 10⁻⁸ … 10⁻¹).
let variation : Gen<float> = logUniform -8.0 -1.0

/// K ≥ 2 blocks, as after pruning a ResNet-50 (at most 16).
let blockCount : Gen<int> = Gen.choose (2, 16)

/// Positive variations for K ≥ 2 blocks.
let variations : Gen<float[]> =
    gen {
        let! k = blockCount
        return! Gen.arrayOfLength k variation
    }

/// Positive, pairwise distinct variations for K ≥ 2 blocks.
let distinctVariations : Gen<float[]> =
    variations |> Gen.filter (fun v -> (Array.distinct v).Length = v.Length)

/// Positive variations within a factor 2 of each other: eq. 10's range is empty for α ≥ 1, β ≤ 0.5.
let narrowVariations : Gen<float[]> =
    gen {
        let! k = blockCount
        let! scale = variation
        return! Gen.arrayOfLength k (uniform 1.0 2.0 |> Gen.map (fun x -> x * scale))
    }

/// Non-decreasing positive variations for K ≥ 2 blocks.
let sortedVariations : Gen<float[]> = variations |> Gen.map Array.sort

/// α in [0.5, 3] and β in [0.1, 1] (the paper: 2 and 0.4).
let alphaBeta : Gen<float * float> = Gen.zip (uniform 0.5 3.0) (uniform 0.1 1.0)

/// A floor fraction in (0, 1) (DESIGN default 0.1).
let floorFraction : Gen<float> = uniform 0.01 0.9

/// A positive learning rate.
let learningRate : Gen<float> = logUniform -5.0 0.0

/// Simpler stand-ins for a positive float, still positive: its power of ten, then its value to one significant digit.
let shrinkPositive (x: float) : seq<float> =
    let decade = 10.0 ** floor (log10 x)
    [ decade; round (x / decade) * decade ] |> Seq.distinct |> Seq.filter (fun y -> y > 0.0 && y <> x)

/// Simpler stand-ins for a value in [lo, hi]: `plain` (a value the reader knows, e.g. the paper's), then one decimal.
let shrinkWithin (lo: float) (hi: float) (plain: float) (x: float) : seq<float> =
    [ plain; round (x * 10.0) / 10.0 ] |> Seq.distinct |> Seq.filter (fun y -> lo <= y && y <= hi && y <> x)

/// Simpler stand-ins for an integer in [lo, ∞): lo, then halfway toward it.
let shrinkToward (lo: int) (x: int) : seq<int> =
    [ lo; lo + (x - lo) / 2 ] |> Seq.distinct |> Seq.filter (fun y -> y < x)

/// Positive values with one of them simpler (the length kept).
let shrinkEach (values: float[]) : seq<float[]> =
    seq {
        for i in 0 .. values.Length - 1 do
            for simpler in shrinkPositive values[i] -> Array.updateAt i simpler values
    }

/// Variations one block shorter (never below K = 2), or with one value simpler (still positive).
let shrinkVariations (v: float[]) : seq<float[]> =
    seq {
        if v.Length > 2 then
            for i in 0 .. v.Length - 1 -> Array.removeAt i v
        yield! shrinkEach v
    }

/// α toward the paper's 2 and β toward its 0.4, within alphaBeta's ranges.
let shrinkAlphaBeta (alpha: float, beta: float) : seq<float * float> =
    seq {
        for a in shrinkWithin 0.5 3.0 2.0 alpha -> a, beta
        for b in shrinkWithin 0.1 1.0 0.4 beta -> alpha, b
    }

/// A floor fraction toward DESIGN's 0.1.
let shrinkFloorFraction : float -> seq<float> = shrinkWithin 0.01 0.9 0.1

/// Shrinks of a pair: one side at a time.
let shrinkPair (first: 'A -> seq<'A>) (second: 'B -> seq<'B>) (a: 'A, b: 'B) : seq<'A * 'B> =
    seq {
        for a' in first a -> a', b
        for b' in second b -> a, b'
    }

/// Shrinks of a triple: one part at a time.
let shrinkTriple (first: 'A -> seq<'A>) (second: 'B -> seq<'B>) (third: 'C -> seq<'C>) (a: 'A, b: 'B, c: 'C) =
    seq {
        for a' in first a -> a', b, c
        for b' in second b -> a, b', c
        for c' in third c -> a, b, c'
    }

/// No simpler value: for parts whose every value is equally plain (a choice among a few).
let noShrink (_: 'T) : seq<'T> = Seq.empty

/// An Arbitrary that shrinks with `shrink`, keeping only shrinks that still satisfy `valid` (the generator's own
/// filter), so a reported counter-example is small and still a valid input.
let shrinking (valid: 'T -> bool) (shrink: 'T -> seq<'T>) (g: Gen<'T>) : Arbitrary<'T> =
    Arb.fromGenShrink (g, shrink) |> Arb.filter valid

/// An Arbitrary without shrinking, for generators with no shrinker yet.
let arb (g: Gen<'T>) : Arbitrary<'T> = Arb.fromGen g

/// Measurements whose per-weight variation (eq. 1, the default normalisation) is exactly v: one weight with change |v|
/// (√(v²) = |v| in binary floating point); NaN and ±∞ stay non-finite.
let measured (v: float[]) : AutoLR.Algorithms.BlockMeasurement[] =
    v |> Array.map (fun x -> AutoLR.Algorithms.BlockMeasurement.ofSquaredChange 1L (x * x))
