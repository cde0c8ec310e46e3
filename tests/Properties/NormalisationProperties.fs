/// The normalisations of eq. 1 as functions of a block's measurement: the scale-invariant ones (relative, angular)
/// ignore the scale of the weights, every one grows with the change, and the angle comes out accurate from float32
/// sums at any size, where 1 − cos does not.
module AutoLR.Properties.NormalisationProperties

open FsCheck.FSharp
open FsCheck.Xunit
open Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

let private norm (x: float[]) = sqrt (Array.sumBy (fun v -> v * v) x)
let private dot (x: float[]) (y: float[]) = Array.fold2 (fun s a b -> s + a * b) 0.0 x y

/// A block's start weights: 2–256 values in (−1, 1), not all zero.
let private startWeights : FsCheck.Gen<float[]> =
    gen {
        let! n = Gen.choose (2, 256)
        return! Gen.arrayOfLength n (uniform -1.0 1.0)
    }
    |> Gen.filter (fun w -> norm w > 1e-3)

/// A unit direction orthogonal to `w` (Gram–Schmidt of a random vector), or None when the draw is parallel to w.
let private tangentTo (w: float[]) (draw: float[]) : float[] option =
    let along = dot draw w / dot w w
    let t = Array.map2 (fun d x -> d - along * x) draw w
    let size = norm t
    if size < 1e-6 then None else Some (t |> Array.map (fun x -> x / size))

/// Start weights, a unit tangent to them, and a unit random direction, all of one length.
let private startAndDirections : FsCheck.Gen<float[] * float[] * float[]> =
    gen {
        let! w = startWeights
        let! draw = Gen.arrayOfLength w.Length (uniform -1.0 1.0)
        let! other = Gen.arrayOfLength w.Length (uniform -1.0 1.0)
        return w, draw, other
    }
    |> Gen.filter (fun (w, draw, other) -> w.Length >= 2 && (tangentTo w draw).IsSome && norm other > 1e-6)
    |> Gen.map (fun (w, draw, other) -> w, (tangentTo w draw).Value, other |> Array.map (fun x -> x / norm other))

let private scaleInvariant = [ Normalisations.relative; Normalisations.angular ]

[<Property(MaxTest = 500)>]
let ``scaling a block's start and end weights by c > 0 leaves its relative and angular variation unchanged`` () =
    let case = Gen.zip3 startAndDirections (logUniform -3.0 1.0) (logUniform -4.0 4.0)
    Prop.forAll (arb case) (fun ((w, _, direction), step, c) ->
        let finish = Array.map2 (fun x d -> x + step * norm w * d) w direction
        let scaled = BlockMeasurement.between (w |> Array.map ((*) c)) (finish |> Array.map ((*) c))
        let plain = BlockMeasurement.between w finish
        scaleInvariant |> every _.Name (fun n -> near "variation of the scaled weights" (n.Variation plain) (n.Variation scaled)))

[<Property(MaxTest = 500)>]
let ``per-weight, per-sqrt-weight and relative variation grow in proportion to the change at fixed start weights`` () =
    let case = Gen.zip3 startAndDirections (logUniform -4.0 0.0) (uniform 1.01 10.0)
    Prop.forAll (arb case) (fun ((w, _, direction), step, s) ->
        let after factor = BlockMeasurement.between w (Array.map2 (fun x d -> x + factor * step * d) w direction)
        [ Normalisations.perWeight; Normalisations.perSqrtWeight; Normalisations.relative ]
        |> every _.Name (fun n ->
            let small, large = n.Variation (after 1.0), n.Variation (after s)
            about "a larger change has the larger variation (smaller, larger)" (small, large) (small < large)
            .&. near "variation of s times the change" (s * small) large))

[<Property(MaxTest = 500)>]
let ``turning a block further raises its angle, which is atan of the turn over the norm`` () =
    let case = Gen.zip3 startAndDirections (logUniform -6.0 1.0) (uniform 1.01 10.0)
    Prop.forAll (arb case) (fun ((w, tangent, _), turn, s) ->
        let angle t = WeightVariation.angular (BlockMeasurement.between w (Array.map2 (fun x u -> x + t * u) w tangent))
        let small, large = angle turn, angle (s * turn)
        about "the further turn has the larger angle (smaller, larger)" (small, large) (small < large)
        .&. near "angle, atan(turn / ‖W_start‖)" (atan (turn / norm w)) small)

[<Property(MaxTest = 500)>]
let ``every normalisation of a finite measurement is a finite non-negative variation, and the angle is at most π`` () =
    let case = Gen.zip startAndDirections (logUniform -6.0 1.0)
    Prop.forAll (arb case) (fun ((w, _, direction), step) ->
        let m = BlockMeasurement.between w (Array.map2 (fun x d -> x + step * d) w direction)
        (Normalisations.all
         |> every _.Name (fun n -> let v = n.Variation m in about "finite and non-negative" v (v >= 0.0 && not (System.Double.IsInfinity v))))
        .&. about "the angle is at most π" (WeightVariation.angular m) (WeightVariation.angular m <= System.Math.PI))

[<Property(MaxTest = 300)>]
let ``the end norm of a measurement is that of the end weights`` () =
    let case = Gen.zip startAndDirections (logUniform -6.0 1.0)
    Prop.forAll (arb case) (fun ((w, _, direction), step) ->
        let finish = Array.map2 (fun x d -> x + step * d) w direction
        let endSquared = (BlockMeasurement.between w finish).EndSquaredNorm
        about "‖W_end‖² from the identity against Σ W_end² (identity, sum)" (endSquared, dot finish finish)
            (abs (endSquared - dot finish finish) <= 1e-12 * (dot w w + dot finish finish)))

/// The angle between w and its end state in float64 by projection (ΔW minus its radial part, element by element), a
/// formula independent of the one under test; exact up to float64 rounding. Also sin² of the angle between ΔW and w.
let private referenceAngle (w: float[]) (finish: float[]) : float * float =
    let change = Array.map2 (-) finish w
    let a = dot w w
    let r = dot change w
    let tangential = Array.map2 (fun d x -> d - r / a * x) change w
    let t = norm tangential
    atan2 t (sqrt a + r / sqrt a), (t * t) / dot change change

/// ATen's cascade sum modelled: float32 partial sums combined pairwise.
let rec private pairwiseSum (x: float32[]) (lo: int) (hi: int) : float32 =
    if hi - lo <= 8 then
        let mutable s = 0.0f
        for i in lo .. hi - 1 do
            s <- s + x[i]
        s
    else
        let mid = (lo + hi) / 2
        pairwiseSum x lo mid + pairwiseSum x mid hi

/// The measurement the Torch side takes of float32 weights: ΔW, its square, ΔW·W_start and W_start² element by element
/// in float32, each summed in float32.
let private measuredInFloat32 (w: float32[]) (finish: float32[]) : BlockMeasurement =
    let change = Array.map2 (fun (e: float32) s -> e - s) finish w
    let sum (x: float32[]) = float (pairwiseSum x 0 x.Length)
    { BlockMeasurement.ofSquaredChange (int64 w.Length) (sum (change |> Array.map (fun d -> d * d))) with
        StartSquaredNorm = sum (w |> Array.map (fun x -> x * x))
        RadialChange = sum (Array.map2 (fun d x -> d * x) change w) }

/// A relative error bound of the float32 sums of n terms: one rounding per element and per level of the tree.
let private sumError (n: int) = float (ceil (log (float n) / log 2.0) + 3.0) * 2.0 ** -24.0

/// The angle's relative error for sums of relative error δ (the change's square, the start's square) and absolute
/// error δ‖ΔW‖‖W_start‖ (the radial sum), where φ is the angle between ΔW and W_start: t² = ‖ΔW‖² − r²/‖W‖² moves by at
/// most δ(1 + |cos φ|)² ‖ΔW‖² against t² = sin²φ ‖ΔW‖², and θ follows t (twice the margin, plus the radial end's 2δ).
let private angleErrorBound (delta: float) (sinSquared: float) =
    delta * (1.0 + sqrt (1.0 - sinSquared)) ** 2.0 / sinSquared + 2.0 * delta

[<Property(MaxTest = 1000)>]
let ``the angle from float32 sums is as accurate at 1e-6 rad as at 0.1 rad, within the sums' error over sin² of the turn's direction`` () =
    let case = Gen.zip3 startAndDirections (logUniform -6.0 -1.0) (uniform -0.95 0.95)
    Prop.forAll (arb case) (fun ((w, tangent, _), size, radialShare) ->
        let w32 = w |> Array.map float32
        let start = w32 |> Array.map float
        let direction = Array.map2 (fun u x -> sqrt (1.0 - radialShare * radialShare) * u + radialShare * x / norm w) tangent w
        let finish32 = Array.map2 (fun x d -> float32 (x + size * norm start * d)) start direction
        let reference, sinSquared = referenceAngle start (finish32 |> Array.map float)
        let measured = WeightVariation.angular (measuredInFloat32 w32 finish32)
        let bound = angleErrorBound (sumError w.Length) sinSquared * reference
        about "the change has a tangential part (sin²φ)" sinSquared (sinSquared > 0.0)
        .&. about "angle error within the bound (measured, float64 reference, bound)" (measured, reference, bound)
                (abs (measured - reference) <= bound))

[<Property(MaxTest = 1000)>]
let ``whatever sums err by δ, the angle errs by at most δ(1 + |cos φ|)² / sin²φ + 2δ relative`` () =
    let case = Gen.zip3 (Gen.zip startAndDirections (logUniform -7.0 -1.0)) (uniform -0.99 0.99) (logUniform -12.0 -5.0)
    let signs = Gen.arrayOfLength 3 (Gen.elements [ -1.0; 1.0 ])
    Prop.forAll (arb (Gen.zip case signs)) (fun ((((w, tangent, _), size), radialShare, delta), sign) ->
        let direction = Array.map2 (fun u x -> sqrt (1.0 - radialShare * radialShare) * u + radialShare * x / norm w) tangent w
        let finish = Array.map2 (fun x d -> x + size * norm w * d) w direction
        let reference, sinSquared = referenceAngle w finish
        let exact = BlockMeasurement.between w finish
        let perturbed =
            { exact with
                SquaredChange = exact.SquaredChange * (1.0 + sign[0] * delta)
                StartSquaredNorm = exact.StartSquaredNorm * (1.0 + sign[1] * delta)
                RadialChange = exact.RadialChange + sign[2] * delta * sqrt (exact.SquaredChange * exact.StartSquaredNorm) }
        let measured = WeightVariation.angular perturbed
        let bound = (angleErrorBound delta sinSquared + 1e-12) * reference
        about "angle error within the bound (from perturbed sums, float64 reference, bound)" (measured, reference, bound)
            (abs (measured - reference) <= bound))

[<Fact>]
let ``1 − cos from the same float32 sums misses a 1e-4 rad turn by more than 10 %, the measured angle by less than 1e-4`` () =
    let n = 4096
    let w = Array.init n (fun i -> float32 (sin (float i) * 0.05))
    let start = w |> Array.map float
    let tangent = (tangentTo start (Array.init n (fun i -> cos (float (3 * i))))).Value
    let finish = Array.map2 (fun x u -> float32 (x + 1e-4 * norm start * u)) start tangent
    let reference, _ = referenceAngle start (finish |> Array.map float)
    let m = measuredInFloat32 w finish
    let endSquared = float (pairwiseSum (finish |> Array.map (fun x -> x * x)) 0 n)
    let viaCosine = acos (min 1.0 ((m.StartSquaredNorm + m.RadialChange) / sqrt (m.StartSquaredNorm * endSquared)))
    Assert.True(abs (viaCosine - reference) > 0.1 * reference, $"1 − cos gave {viaCosine}, the angle is {reference}")
    Assert.True(abs (WeightVariation.angular m - reference) < 1e-4 * reference, $"measured {WeightVariation.angular m}, the angle is {reference}")

[<Fact>]
let ``a block whose start weights are all zero has no relative or angular variation, and says which normalisation to use`` () =
    let zero = { BlockMeasurement.ofSquaredChange 4L 1.0 with StartSquaredNorm = 0.0 }
    for n in scaleInvariant do
        let error = Assert.Throws<System.ArgumentException>(fun () -> n.Variation zero |> ignore)
        Assert.Contains("per-weight", error.Message)

[<Fact>]
let ``a change that is not finite has no angle`` () =
    for squared, radial in [ nan, 0.0; infinity, 1.0; 1.0, nan; 1.0, -infinity ] do
        let m = { BlockMeasurement.ofSquaredChange 4L squared with RadialChange = radial }
        Assert.True(System.Double.IsNaN(WeightVariation.angular m), $"angle of ({squared}, {radial})")
