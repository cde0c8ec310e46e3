/// Auto-RGN (Lee et al., ICLR 2023) as the catalogue's `auto-rgn` builds it: layer l trains at
/// base · RGN_l / max_j RGN_j, RGN measured at the start of the epoch.
module AutoLR.Properties.AutoRgnProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

let private autoRgn = ScheduleCatalog.baselines |> List.find (fun b -> b.Name = "auto-rgn")

/// A run with measured RGNs of the stem and K blocks (positive, spanning orders of magnitude), and a point in it.
let private measuredRun =
    gen {
        let! lr = learningRate
        let! k = blockCount
        let! rgn = Gen.arrayOfLength (k + 1) (logUniform -6.0 0.0)
        let! epoch = Gen.choose (0, 9)
        let! iteration = Gen.choose (0, 9)
        return { BaseLr = lr; Epochs = 10; ItersPerEpoch = 10; RelativeGradientNorms = rgn; Steps = StepStatistics.empty 0.0 }, (epoch, iteration, k)
    }

let private lrs run (epoch, iteration, k) =
    [| 0 .. k |] |> Array.map (fun layer -> BaselineSchedule.learningRate autoRgn BaselineParameters.defaults run (epoch, iteration, layer, k))

[<Property(MaxTest = 500)>]
let ``the largest-RGN layer gets the base LR and every other at most the base LR`` () =
    Prop.forAll (arb measuredRun) (fun (run, point) ->
        let lr = lrs run point
        let top = Array.findIndex ((=) (Array.max run.RelativeGradientNorms)) run.RelativeGradientNorms
        equals $"LR of layer {top}, the largest RGN's" run.BaseLr lr[top]
        .&. about $"every LR in (0, base LR {run.BaseLr}]" lr (lr |> Array.forall (fun x -> x > 0.0 && x <= run.BaseLr)))

[<Property(MaxTest = 500)>]
let ``each layer's LR is proportional to its RGN`` () =
    Prop.forAll (arb measuredRun) (fun (run, point) ->
        let lr = lrs run point
        let rgn = run.RelativeGradientNorms
        Array.zip lr rgn
        |> Array.indexed
        |> every (fun (layer, _) -> $"layer {layer}") (fun (_, (l, r)) ->
            near "LR over base LR, against RGN over the largest RGN" (r / Array.max rgn) (l / run.BaseLr)))

[<Property(MaxTest = 300)>]
let ``the head keeps HeadFactor times the base LR`` () =
    Prop.forAll (arb measuredRun) (fun (run, (epoch, iteration, k)) ->
        near "head LR" (BaselineParameters.defaults.HeadFactor * run.BaseLr)
            (BaselineSchedule.learningRate autoRgn BaselineParameters.defaults run (epoch, iteration, k + 1, k)))

[<Property(MaxTest = 1)>]
let ``auto-rgn probes RgnProbeBatches batches and no other baseline probes`` () =
    let p = { BaselineParameters.defaults with RgnProbeBatches = 7 }
    ScheduleCatalog.baselines |> every (fun b -> b.Name) (fun b -> equals "probe batches" (if b.Name = "auto-rgn" then 7 else 0) (b.ProbeBatches p))
