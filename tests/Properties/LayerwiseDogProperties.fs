/// L-DoG (Ivgi, Hinder & Carmon 2023) as the catalogue's `l-dog` builds it: layer l trains at
/// max(r_ε, max_{i ≤ t} ‖x_i − x_0‖) / √(Σ_{i ≤ t} ‖g_i + λ x_i‖² + ε), r_ε = DogInitialMovement · (1 + ‖x_0‖).
module AutoLR.Properties.LayerwiseDogProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

let private lDog = ScheduleCatalog.baselines |> List.find (fun b -> b.Name = "l-dog")

/// One layer's norms at a step: ‖w‖ and ‖g‖ positive, ⟨g, w⟩ within Cauchy–Schwarz, a distance from the start.
let private layerNorms =
    gen {
        let! weight = logUniform -1.0 2.0
        let! gradient = logUniform 0.0 2.0
        let! cosine = uniform -1.0 1.0
        let! distance = logUniform -4.0 1.0
        return { Weight = weight; Gradient = gradient; GradientDotWeight = cosine * weight * gradient; Distance = distance }
    }

/// 1..12 steps' norms of the stem and K blocks, λ in {0} ∪ [10⁻⁶, 10⁻²], K.
let private history =
    gen {
        let! k = blockCount
        let! steps = Gen.choose (1, 12)
        let! weightDecay = Gen.oneof [ Gen.constant 0.0; logUniform -6.0 -2.0 ]
        let! norms = Gen.arrayOfLength steps (Gen.arrayOfLength (k + 1) layerNorms)
        return weightDecay, k, norms
    }

let private fold weightDecay (norms: LayerStepNorms[][]) = Array.scan StepStatistics.observe (StepStatistics.empty weightDecay) norms

let private runWith steps = { BaseLr = 0.01; Epochs = 3; ItersPerEpoch = 10; RelativeGradientNorms = [||]; Steps = steps }

let private lrAt (p: BaselineParameters) steps k layer = BaselineSchedule.learningRate lDog p (runWith steps) (0, 0, layer, k)

[<Property(MaxTest = 500)>]
let ``the distance term never falls and the gradient sum never falls, step after step`` () =
    Prop.forAll (arb history) (fun (weightDecay, k, norms) ->
        let statistics = fold weightDecay norms |> Array.tail
        statistics |> Array.pairwise |> Array.indexed |> every (fun (t, _) -> $"step {t + 1} to {t + 2}") (fun (_, (before, after)) ->
            [| 0 .. k |] |> every (fun layer -> $"layer {layer}") (fun layer ->
                (after.LargestDistance[layer] >= before.LargestDistance[layer] |@ "largest distance nondecreasing")
                .&. (after.GradientSquares[layer] >= before.GradientSquares[layer] |@ "sum of squared gradients nondecreasing")
                .&. equals "‖x_0‖ kept from the first step" before.InitialWeight[layer] after.InitialWeight[layer])))

[<Property(MaxTest = 500)>]
let ``the first step moves each layer by the initial movement, r_eps over the gradient's norm`` () =
    Prop.forAll (arb (Gen.zip history (logUniform -6.0 -1.0))) (fun ((weightDecay, k, norms), movement) ->
        // At the first step x = x_0: no distance yet.
        let start = norms[0] |> Array.map (fun n -> { n with Distance = 0.0 })
        let first = StepStatistics.observe (StepStatistics.empty weightDecay) start
        let p = { BaselineParameters.defaults with DogInitialMovement = movement }
        start |> Array.indexed |> every (fun (layer, _) -> $"layer {layer}") (fun (layer, n) ->
            let g = StepStatistics.decayedGradientSquare weightDecay n
            near "first LR" (movement * (1.0 + n.Weight) / sqrt (g + DistanceOverGradients.Epsilon)) (lrAt p first k layer)))

[<Property(MaxTest = 500)>]
let ``without weight decay scaling every gradient by c scales every LR by 1 over c, so the steps stay the same`` () =
    Prop.forAll (arb (Gen.zip history (logUniform -1.0 1.0))) (fun ((_, k, norms), c) ->
        let scaled = norms |> Array.map (Array.map (fun n -> { n with Gradient = c * n.Gradient; GradientDotWeight = c * n.GradientDotWeight }))
        let plain, rescaled = Array.last (fold 0.0 norms), Array.last (fold 0.0 scaled)
        // Σ‖g‖² ≥ 1 here, so DoG's ε = 10⁻⁸ moves the ratio by under 10⁻⁶ relative.
        [| 0 .. k |] |> every (fun layer -> $"layer {layer}, gradients × {c}") (fun layer ->
            let expected, observed = lrAt BaselineParameters.defaults plain k layer / c, lrAt BaselineParameters.defaults rescaled k layer
            about $"LR {observed} within 1e-5 relative of {expected}" observed (abs (observed - expected) <= 1e-5 * expected)))

[<Property(MaxTest = 300)>]
let ``the head keeps HeadFactor times the base LR and before the first step every layer gets the base LR`` () =
    Prop.forAll (arb history) (fun (weightDecay, k, norms) ->
        let p = BaselineParameters.defaults
        near "head LR" (p.HeadFactor * 0.01) (lrAt p (Array.last (fold weightDecay norms)) k (k + 1))
        .&. ([| 0 .. k |] |> every (fun layer -> $"layer {layer}") (fun layer -> near "LR" 0.01 (lrAt p (StepStatistics.empty weightDecay) k layer))))

/// Worked example: two layers (x ∈ ℝ³ and ℝ⁴) take three steps of plain SGD with L-DoG's step sizes on
/// f(x) = Σ_l ½ (x_l − c_l)ᵀ A_l (x_l − c_l) + (λ/2)‖x‖², λ = 5·10⁻⁴, DogInitialMovement 0.1. The norms each step measures
/// and the step sizes are what this script prints (float64 throughout; it runs DoG on the tensors, as the authors'
/// code does, not on the norms):
///   import torch; d = torch.float64; lam, reps, eps = 5e-4, 0.1, 1e-8
///   x = [torch.tensor([1.0, -2.0, 0.5], dtype=d), torch.tensor([0.3, 0.1, -0.2, 0.4], dtype=d)]
///   c = [torch.tensor([0.0, 1.0, 2.0], dtype=d), torch.tensor([1.0, -1.0, 0.5, 0.0], dtype=d)]
///   A = [torch.diag(torch.tensor([1.0, 3.0, 0.5], dtype=d)), torch.diag(torch.tensor([2.0, 0.25, 1.0, 4.0], dtype=d))]
///   x0 = [t.clone() for t in x]; rbar = [reps * (1 + t.norm()) for t in x0]; G = [torch.tensor(eps, dtype=d) for _ in x]
///   for t in range(3):
///       g = [a @ (xi - ci) for a, xi, ci in zip(A, x, c)]
///       print([(xi.norm().item(), gi.norm().item(), gi.dot(xi).item(), (xi - x0i).norm().item()) for xi, gi, x0i in zip(x, g, x0)])
///       step = [gi + lam * xi for gi, xi in zip(g, x)]
///       for l in range(2): G[l] = G[l] + step[l].dot(step[l]); rbar[l] = torch.maximum(rbar[l], (x[l] - x0[l]).norm())
///       eta = [rbar[l] / G[l].sqrt() for l in range(2)]; print([e.item() for e in eta])
///       x = [xi - e * s for xi, e, s in zip(x, eta, step)]
/// The fold rebuilds ‖g + λx‖ from ‖g‖, ⟨g, x⟩ and ‖x‖ and sums in another order than torch, so the step sizes agree to
/// rounding of a few float64 operations: 1e-12 relative.
[<Property(MaxTest = 1)>]
let ``a worked example gives the reference step sizes`` () =
    let layer (w, g, dot, distance) = { Weight = w; Gradient = g; GradientDotWeight = dot; Distance = distance }
    let measured =
        [| [| layer (2.29128784747792, 9.086390922693123, 18.625, 0.0)
              layer (0.5477225575051661, 2.255133033769848, 0.3875000000000002, 0.0) |]
           [| layer (2.00225173313131, 8.113180187042374, 13.96947355079459, 0.32912878472786444)
              layer (0.5203333436195551, 1.817773362152744, -0.020585003419729853, 0.1547722555983618) |]
           [| layer (1.817183834196331, 7.46659445211957, 11.2244429723727, 0.5483282397489341)
              layer (0.5313811413285667, 1.5648065942456406, -0.19862623088279086, 0.25160191764187684) |] |]
    let reference =
        [| [| 0.03621808346767517; 0.06862848267857437 |]
           [| 0.027016023386052603; 0.05343238662690568 |]
           [| 0.038373725361565365; 0.07642317646272333 |] |]
    let p = { BaselineParameters.defaults with DogInitialMovement = 0.1 }
    fold 5e-4 measured |> Array.tail |> Array.zip reference |> Array.indexed
    |> every (fun (t, _) -> $"step {t}") (fun (_, (expected, steps)) ->
        expected |> Array.indexed |> every (fun (l, _) -> $"layer {l}") (fun (l, eta) ->
            let lr = lrAt p steps 1 l
            about $"step size {lr} within 1e-12 relative of {eta}" lr (abs (lr - eta) <= 1e-12 * eta)))
