/// LARS (You, Gitman & Ginsburg 2017) as the catalogue's `lars` builds it: layer l trains at
/// base · η · ‖w‖ / (‖g‖ + λ‖w‖) of its newest step's norms.
module AutoLR.Properties.LarsProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

let private lars = ScheduleCatalog.baselines |> List.find (fun b -> b.Name = "lars")

/// Positive norms of one layer, spanning orders of magnitude (⟨g, w⟩ is not read by LARS).
let private layerNorms =
    gen {
        let! weight = logUniform -2.0 3.0
        let! gradient = logUniform -6.0 2.0
        return { Weight = weight; Gradient = gradient; GradientDotWeight = 0.0; Distance = 0.0 }
    }

/// A run whose newest step measured the stem and K blocks, with λ in [0, 10⁻²], and K.
let private measuredRun =
    gen {
        let! lr = learningRate
        let! k = blockCount
        let! weightDecay = Gen.oneof [ Gen.constant 0.0; logUniform -6.0 -2.0 ]
        let! norms = Gen.arrayOfLength (k + 1) layerNorms
        let steps = StepStatistics.observe (StepStatistics.empty weightDecay) norms
        return { BaseLr = lr; Epochs = 3; ItersPerEpoch = 10; RelativeGradientNorms = [||]; Steps = steps }, k
    }

let private lrAt (p: BaselineParameters) run k layer = BaselineSchedule.learningRate lars p run (1, 3, layer, k)

let private remeasured (run: RunShape) (norms: LayerStepNorms[]) =
    { run with Steps = StepStatistics.observe (StepStatistics.empty run.Steps.WeightDecay) norms }

[<Property(MaxTest = 500)>]
let ``each layer's LR is base times eta times the weight norm over the gradient norm plus weight decay times it`` () =
    Prop.forAll (arb (Gen.zip measuredRun (logUniform -4.0 -1.0))) (fun ((run, k), eta) ->
        let p = { BaselineParameters.defaults with TrustCoefficient = eta }
        run.Steps.Latest |> Array.indexed |> every (fun (layer, _) -> $"layer {layer}") (fun (layer, n) ->
            near "LR" (run.BaseLr * eta * n.Weight / (n.Gradient + run.Steps.WeightDecay * n.Weight)) (lrAt p run k layer)))

[<Property(MaxTest = 500)>]
let ``the LR does not change when weights and gradients are scaled together`` () =
    Prop.forAll (arb (Gen.zip measuredRun (logUniform -3.0 3.0))) (fun ((run, k), c) ->
        let scaled = run.Steps.Latest |> Array.map (fun n -> { n with Weight = c * n.Weight; Gradient = c * n.Gradient })
        [| 0 .. k |] |> every (fun layer -> $"layer {layer}, scaled by {c}") (fun layer ->
            near "LR" (lrAt BaselineParameters.defaults run k layer) (lrAt BaselineParameters.defaults (remeasured run scaled) k layer)))

[<Property(MaxTest = 500)>]
let ``without weight decay the LR grows with the weight norm and falls with the gradient norm in proportion`` () =
    Prop.forAll (arb (Gen.zip measuredRun (logUniform -3.0 3.0))) (fun ((measured, k), c) ->
        let run = remeasured { measured with Steps = StepStatistics.empty 0.0 } measured.Steps.Latest
        let at (norms: LayerStepNorms[]) layer = lrAt BaselineParameters.defaults (remeasured run norms) k layer
        let weights = run.Steps.Latest |> Array.map (fun n -> { n with Weight = c * n.Weight })
        let gradients = run.Steps.Latest |> Array.map (fun n -> { n with Gradient = c * n.Gradient })
        [| 0 .. k |] |> every (fun layer -> $"layer {layer}, × {c}") (fun layer ->
            near "LR with the weights scaled" (c * at run.Steps.Latest layer) (at weights layer)
            .&. near "LR with the gradients scaled" (at run.Steps.Latest layer / c) (at gradients layer)))

[<Property(MaxTest = 300)>]
let ``the head keeps HeadFactor times the base LR, and a layer without weights or gradient the base LR`` () =
    Prop.forAll (arb measuredRun) (fun (run, k) ->
        let p = BaselineParameters.defaults
        let zeroed = run.Steps.Latest |> Array.mapi (fun i n -> if i % 2 = 0 then { n with Gradient = 0.0 } else { n with Weight = 0.0 })
        near "head LR" (p.HeadFactor * run.BaseLr) (lrAt p run k (k + 1))
        .&. ([| 0 .. k |] |> every (fun layer -> $"layer {layer} with a zero norm") (fun layer ->
            near "LR" run.BaseLr (lrAt p (remeasured run zeroed) k layer))))

[<Property(MaxTest = 300)>]
let ``before the first step is measured every layer gets the base LR`` () =
    Prop.forAll (arb measuredRun) (fun (run, k) ->
        let unmeasured = { run with Steps = StepStatistics.empty run.Steps.WeightDecay }
        [| 0 .. k |] |> every (fun layer -> $"layer {layer}") (fun layer -> near "LR" run.BaseLr (lrAt BaselineParameters.defaults unmeasured k layer)))

/// Worked example, by hand: w = (1, 2, 2), g = (0.3, 0, −0.4), so ‖w‖ = 3, ‖g‖ = 0.5; base 0.01, η = 0.001, λ = 5·10⁻⁴:
/// 0.01 · 0.001 · 3 / (0.5 + 0.0015) = 3·10⁻⁵ / 0.5015. The constant is what
/// /usr/bin/python3 -c "import torch; w = torch.tensor([1., 2., 2.], dtype=torch.float64); g = torch.tensor([0.3, 0., -0.4], dtype=torch.float64); print(repr((0.01 * 0.001 * w.norm() / (g.norm() + 5e-4 * w.norm())).item()))"
/// prints (float64 throughout, so 1e-12 relative covers the order of operations).
[<Property(MaxTest = 1)>]
let ``a worked example gives the reference LR`` () =
    let norms = { Weight = 3.0; Gradient = 0.5; GradientDotWeight = -0.5; Distance = 0.0 }
    let run = { BaseLr = 0.01; Epochs = 1; ItersPerEpoch = 1; RelativeGradientNorms = [||]
                Steps = StepStatistics.observe (StepStatistics.empty 5e-4) [| norms; norms |] }
    let lr = lrAt BaselineParameters.defaults run 1 1
    about $"LR {lr} within 1e-12 relative of 5.982053838484548e-05" lr (abs (lr - 5.982053838484548e-05) <= 1e-12 * 5.982053838484548e-05)
    .&. about $"η default {BaselineParameters.defaults.TrustCoefficient}, the paper's 0.001" BaselineParameters.defaults.TrustCoefficient
            (BaselineParameters.defaults.TrustCoefficient = 0.001)
