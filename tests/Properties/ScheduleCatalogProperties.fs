module AutoLR.Properties.ScheduleCatalogProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

/// A value inside the parameter's range (whole for an integer parameter), near its lower end.
let private valueFor (p: ScheduleParameter) =
    let top = if System.Double.IsPositiveInfinity p.Maximum then p.Minimum + 100.0 else p.Maximum
    if p.Integer then Gen.choose (int p.Minimum, int (min top (p.Minimum + 20.0))) |> Gen.map float
    else uniform p.Minimum top |> Gen.map (fun x -> if p.MinimumExcluded && x <= p.Minimum then top else x)

/// Hyper-parameters anywhere in their ranges.
let private parameters =
    ScheduleParameters.all
    |> List.map (fun p -> valueFor p |> Gen.map (fun x -> p.Name, x))
    |> Gen.sequenceToList
    |> Gen.map ScheduleParameters.withValues

/// A run and a point in it (epoch 0-based within the run, iteration within the epoch, layer 0..K+1, K).
let private runAndPoint =
    gen {
        let! lr = learningRate
        let! epochs = Gen.choose (1, 30)
        let! iters = Gen.choose (1, 20)
        let! k = blockCount
        let! epoch = Gen.choose (0, epochs - 1)
        let! iteration = Gen.choose (0, iters - 1)
        let! layer = Gen.choose (0, k + 1)
        return { BaseLr = lr; Epochs = epochs; ItersPerEpoch = iters; RelativeGradientNorms = [||]; Steps = StepStatistics.empty 0.0 }, (epoch, iteration, layer, k)
    }

let private case (layers: LayerConvention) =
    gen {
        let! baseline = ScheduleCatalog.baselines |> List.filter (fun b -> b.Layers = layers) |> Gen.elements
        let! p = parameters
        let! run, point = runAndPoint
        return baseline, p, run, point
    }

[<Property(MaxTest = 1)>]
let ``every default lies in its parameter's range`` () =
    ScheduleParameters.all
    |> every (fun p -> p.Name) (fun p ->
        ScheduleParameter.accepts p (p.Get BaselineParameters.defaults) |@ $"default {p.Get BaselineParameters.defaults} within its range")

[<Property(MaxTest = 1)>]
let ``every schedule name stands for one choice, which has that name`` () =
    about "schedule names, each once" ScheduleCatalog.names
        (List.length ScheduleCatalog.names = List.length (List.distinct ScheduleCatalog.names))
    .&. (ScheduleCatalog.names |> every id (fun name ->
        match ScheduleCatalog.tryParse name with
        | Ok choice -> equals "name of the parsed choice" name (ScheduleCatalog.name choice)
        | Error e -> false |@ $"the name parses: {show e}"))
    .&. (Result.isError (ScheduleCatalog.tryParse "onecycle") |@ "an unknown name, onecycle, is refused")

[<Property(MaxTest = 300)>]
let ``withValues puts each named value in`` () =
    Prop.forAll (arb parameters) (fun p ->
        let values = ScheduleParameters.all |> List.map (fun q -> q.Name, q.Get p)
        equals "parameters rebuilt from their named values" p (ScheduleParameters.withValues values))

[<Property(MaxTest = 500)>]
let ``a uniform baseline gives the stem StemFactor and the head HeadFactor times the block LR`` () =
    Prop.forAll (arb (case Uniform)) (fun (baseline, p, run, (epoch, iteration, _, k)) ->
        let at layer = BaselineSchedule.learningRate baseline p run (epoch, iteration, layer, k)
        let block = at 1
        [| 1 .. k |] |> every (fun layer -> $"layer {layer}") (fun layer -> equals $"{baseline.Name}: block LR, block 1's" block (at layer))
        .&. near $"{baseline.Name}: stem LR" (p.StemFactor * block) (at 0)
        .&. near $"{baseline.Name}: head LR" (p.HeadFactor * block) (at (k + 1)))

[<Property(MaxTest = 500)>]
let ``a layered baseline gives the head HeadFactor times the base LR and no block more than the base LR`` () =
    Prop.forAll (arb (case Layered)) (fun (baseline, p, run, (epoch, iteration, _, k)) ->
        let at layer = BaselineSchedule.learningRate baseline p run (epoch, iteration, layer, k)
        near $"{baseline.Name}: head LR" (p.HeadFactor * run.BaseLr) (at (k + 1))
        .&. ([| 0 .. k |] |> every (fun layer -> $"{baseline.Name}: layer {layer}") (fun layer ->
            let lr = at layer
            ((lr > 0.0 || baseline.Name = "lp-ft" || baseline.Name = "frozen") |@ $"LR {lr} positive (LP-FT's probe and the frozen baseline aside)")
            .&. (lr <= run.BaseLr * (1.0 + 1e-12) |@ $"LR {lr} at most the base LR {run.BaseLr}"))))

[<Property(MaxTest = 300)>]
let ``no baseline ever gives a block an LR above the base LR or at most 0, except SGDR at the end of a run, LP-FT's probe and the frozen baseline`` () =
    Prop.forAll (arb (Gen.zip (Gen.elements ScheduleCatalog.baselines) (Gen.zip parameters runAndPoint))) (fun (baseline, (p, (run, (epoch, iteration, _, k)))) ->
        [| 1 .. k |] |> every (fun layer -> $"{baseline.Name}: block {layer}") (fun layer ->
            let lr = BaselineSchedule.learningRate baseline p run (epoch, iteration, layer, k)
            (lr <= run.BaseLr * (1.0 + 1e-12) |@ $"LR {lr} at most the base LR {run.BaseLr}")
            .&. ((lr > 0.0 || baseline.Name = "sgdr" || baseline.Name = "lp-ft" || baseline.Name = "frozen") |@ $"LR {lr} positive (SGDR, LP-FT and frozen aside)")))
