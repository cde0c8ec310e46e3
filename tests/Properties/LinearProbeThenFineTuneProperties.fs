/// LP-FT (Kumar et al., ICLR 2022) as the catalogue's `lp-ft` builds it: the backbone is frozen (LR 0, so SGD moves
/// none of its weights) for ⌊LpShare · epochs⌋ epochs while the head learns, then every layer learns.
module AutoLR.Properties.LinearProbeThenFineTuneProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

let private lpFt = ScheduleCatalog.baselines |> List.find (fun b -> b.Name = "lp-ft")

/// A run, a share, and a point (epoch, iteration, layer 0..K+1, K).
let private runAndPoint =
    gen {
        let! lr = learningRate
        let! epochs = Gen.choose (1, 30)
        let! share = uniform 0.0 0.99
        let! k = blockCount
        let! epoch = Gen.choose (0, epochs - 1)
        let! iteration = Gen.choose (0, 9)
        let! layer = Gen.choose (0, k + 1)
        let p = { BaselineParameters.defaults with LpShare = share }
        return p, { BaseLr = lr; Epochs = epochs; ItersPerEpoch = 10; RelativeGradientNorms = [||]; Steps = StepStatistics.empty 0.0 }, (epoch, iteration, layer, k)
    }

let private probeEpochs (p: BaselineParameters) (run: RunShape) = int (floor (p.LpShare * float run.Epochs))

[<Property(MaxTest = 500)>]
let ``a frozen backbone layer gets LR 0 during the linear probe, so it receives no update`` () =
    Prop.forAll (arb runAndPoint) (fun (p, run, (epoch, iteration, layer, k)) ->
        let lr = BaselineSchedule.learningRate lpFt p run (epoch, iteration, layer, k)
        // SGD's step is −lr · (momentum buffer): with lr = 0 the weight is unchanged whatever the gradient.
        (epoch < probeEpochs p run && layer <= k) = (lr = 0.0)
        |@ $"LR {lr} is 0 exactly for a backbone layer ({layer} of stem 0..block {k}) in the probe's {probeEpochs p run} epochs")

[<Property(MaxTest = 500)>]
let ``the head learns at HeadFactor times the base LR throughout, probe included`` () =
    Prop.forAll (arb runAndPoint) (fun (p, run, (epoch, iteration, _, k)) ->
        near "head LR" (p.HeadFactor * run.BaseLr) (BaselineSchedule.learningRate lpFt p run (epoch, iteration, k + 1, k)))

[<Property(MaxTest = 500)>]
let ``after the probe the stem and every block train at the base LR`` () =
    Prop.forAll (arb runAndPoint) (fun (p, run, (epoch, iteration, _, k)) ->
        let at layer = BaselineSchedule.learningRate lpFt p run (epoch, iteration, layer, k)
        if epoch < probeEpochs p run then noClaim
        else [| 0 .. k |] |> every (fun layer -> $"layer {layer}") (fun layer -> equals "LR after the probe" run.BaseLr (at layer)))

[<Property(MaxTest = 1)>]
let ``a share of 0 is plain fine-tuning and the probe never takes the whole run`` () =
    let run = { BaseLr = 0.01; Epochs = 10; ItersPerEpoch = 1; RelativeGradientNorms = [||]; Steps = StepStatistics.empty 0.0 }
    let at share epoch = BaselineSchedule.learningRate lpFt { BaselineParameters.defaults with LpShare = share } run (epoch, 0, 1, 4)
    equals "LR with share 0 in epoch 0" 0.01 (at 0.0 0) .&. equals "LR with share 0.5 in epoch 4, the probe's last" 0.0 (at 0.5 4)
    .&. equals "LR with share 0.5 in epoch 5, after the probe" 0.01 (at 0.5 5)
    .&. equals "LR with share 0.99 in epoch 9, the last, after the probe" 0.01 (at 0.99 9)

let private frozen = ScheduleCatalog.baselines |> List.find (fun b -> b.Name = "frozen")

[<Property(MaxTest = 500)>]
let ``the frozen baseline gives every backbone layer LR 0 in every epoch and the head its usual LR`` () =
    Prop.forAll (arb runAndPoint) (fun (p, run, (epoch, iteration, layer, k)) ->
        let lr = BaselineSchedule.learningRate frozen p run (epoch, iteration, layer, k)
        if layer <= k then equals $"LR of backbone layer {layer} in epoch {epoch}" 0.0 lr
        else near "head LR" (p.HeadFactor * run.BaseLr) lr)
