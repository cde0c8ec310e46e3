/// Generators of valid inputs only, and the float comparison every property uses.
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

let arb (g: Gen<'T>) : Arbitrary<'T> = Arb.fromGen g
