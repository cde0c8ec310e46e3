module AutoLR.Properties.ControllerProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.ControllerSimulation

/// A run against a world whose variations ignore the LRs, so that retries, caps and accepts all happen.
type private Scenario = { Options: ControllerOptions; K: int; Epochs: int; Table: float[][][] }

let private scenario =
    gen {
        let! epochs = Gen.choose (1, 5)
        let! k = Gen.choose (2, 8)
        let! options = options epochs 1 6 1e-6 1.0
        let! table = variationTable epochs options.TrialCap k
        return { Options = options; K = k; Epochs = epochs; Table = table }
    }

let private run (s: Scenario) = simulate s.Options s.K 0.01 s.Epochs (arbitraryWorld s.Table)

let private threshold (schedule: ThresholdSchedule) (epoch: int) =
    match schedule with
    | Constant tau -> tau
    | Decaying (tau, factor, floor) ->
        let mutable t = tau
        for _ in 2 .. epoch do t <- t * factor
        max floor t

/// The trial an epoch goes on from: the accepted one, or the best one named by AcceptBest.
let private kept (steps: Step list) : Step =
    match (List.last steps).Decision with
    | AcceptBest trial -> steps |> List.find (fun s -> s.Record.Trial = trial)
    | _ -> List.last steps

[<Property(MaxTest = 500)>]
let ``the controller never runs more trials in an epoch than the cap, and ends every epoch by keeping a trial`` () =
    Prop.forAll (arb scenario) (fun s ->
        let epochs = byEpoch (run s)
        epochs.Length = s.Epochs
        && epochs |> List.forall (fun (_, steps) ->
            steps.Length <= s.Options.TrialCap
            && steps |> List.mapi (fun i step -> step.Record.Trial = i + 1) |> List.forall id
            && match (List.last steps).Decision with
               | Accept | AcceptBest _ -> true
               | _ -> false))

[<Property(MaxTest = 500)>]
let ``an accepted trial has SQ above the threshold unless the cap was reached or the target range was empty`` () =
    Prop.forAll (arb scenario) (fun s ->
        run s
        |> List.forall (fun step ->
            match step.Decision with
            | Accept ->
                step.Record.Accepted
                && (step.Record.SortingQuality > step.Record.Threshold
                    || hasEvent "trial-cap-reached" step
                    || hasEvent "empty-target-range" step)
            | _ -> true))

[<Property(MaxTest = 500)>]
let ``at the cap the kept trial is the epoch's highest SQ, the earliest on ties`` () =
    Prop.forAll (arb scenario) (fun s ->
        byEpoch (run s)
        |> List.forall (fun (_, steps) ->
            let last = List.last steps
            if not (hasEvent "trial-cap-reached" last) then true
            else
                let qualities = steps |> List.map (fun st -> st.Record.SortingQuality)
                let best = List.max qualities
                let earliest = (List.findIndex ((=) best) qualities) + 1
                steps.Length = s.Options.TrialCap
                && (kept steps).Record.Trial = earliest
                && (match last.Decision with
                    | AcceptBest trial -> trial = earliest && trial < last.Record.Trial
                                          && Array.contains $"accepted-best:trial{trial}" last.Record.Events
                    | Accept -> earliest = last.Record.Trial
                    | _ -> false)))

[<Property(MaxTest = 500)>]
let ``accepted LRs carry into the next epoch, under the next epoch's multiplier`` () =
    Prop.forAll (arb scenario) (fun s ->
        byEpoch (run s)
        |> List.pairwise
        |> List.forall (fun ((_, steps), (epoch, next)) ->
            let carried = (kept steps).Before.BlockLrs
            let first = List.head next
            first.Before.BlockLrs = carried
            && first.Observation.BlockLrs = (carried |> Array.map (fun lr -> s.Options.GlobalMultiplier epoch * lr))))

[<Property(MaxTest = 500)>]
let ``the trace holds exactly the values that were used`` () =
    Prop.forAll (arb scenario) (fun s ->
        let o = s.Options
        run s
        |> List.forall (fun step ->
            let r = step.Record
            let v = r.Variations
            let sameRecord =
                r.Epoch = step.Observation.Epoch && r.Trial = step.Observation.Trial
                && r.Lrs = step.Observation.BlockLrs && v = step.Observation.Variations
                && r.StemLr = step.Used.Stem && r.HeadLr = step.Used.Head
                && r.TrainLoss = step.Observation.TrainLoss && r.Seconds = step.Observation.Seconds
                && r.SortingQuality = SortingQuality.sortingQuality v
                && close r.Threshold (threshold o.Threshold r.Epoch)
            let sameRenewal =
                match step.Decision with
                | Retry (nextLrs, _) ->
                    let targets, targetEvents =
                        match step.Before.Targets with
                        | Some fixedTargets -> fixedTargets, []
                        | None when r.Epoch = 1 ->
                            match InitialTargets.initialTargets o.Alpha o.Beta v with
                            | Ok ramp -> ramp, []
                            | Error _ -> [||], []
                        | None ->
                            let renewal = PartialRenewal.renewTargets o.Alpha o.Beta o.TargetFloorFraction v
                            renewal.Targets, renewal.Events
                    let renewed = LrRenewal.renewLearningRates o.LrMin o.LrMax step.Before.BlockLrs targets v
                    r.Targets = Some targets && r.NextLrs = Some renewed.Lrs && nextLrs = renewed.Lrs
                    && step.After.BlockLrs = renewed.Lrs
                    && r.Events = (targetEvents @ renewed.Events |> List.map TrialEvent.name |> Array.ofList)
                | Accept -> r.NextLrs = None
                | AcceptBest _ -> r.NextLrs = Some step.After.BlockLrs
                | Abort _ -> false
            sameRecord && sameRenewal))

[<Property(MaxTest = 500)>]
let ``targets stay fixed for the rest of the epoch once set`` () =
    Prop.forAll (arb scenario) (fun s ->
        byEpoch (run s)
        |> List.forall (fun (_, steps) ->
            let targets = steps |> List.map (fun st -> st.Record.Targets) |> List.skipWhile Option.isNone
            match targets with
            | [] -> true
            | first :: rest -> rest |> List.forall ((=) first)))

[<Property(MaxTest = 500)>]
let ``keep-as-best marks exactly the retried trials with a new highest SQ of the epoch`` () =
    Prop.forAll (arb scenario) (fun s ->
        byEpoch (run s)
        |> List.forall (fun (_, steps) ->
            steps
            |> List.indexed
            |> List.forall (fun (i, step) ->
                match step.Decision with
                | Retry (_, keepAsBest) ->
                    let earlier = steps |> List.take i |> List.map (fun st -> st.Record.SortingQuality)
                    keepAsBest = List.forall (fun q -> step.Record.SortingQuality > q) earlier
                | _ -> true)))

[<Property(MaxTest = 500)>]
let ``the global multiplier is applied exactly to stem, blocks and head`` () =
    let case =
        gen {
            let! k = blockCount
            let! lrs = Gen.arrayOfLength k learningRate
            let! multiplier = uniform 0.01 2.0
            let! stem = stemRule
            let! head = learningRate
            let! epoch = Gen.choose (1, 60)
            return lrs, multiplier, stem, head, epoch
        }
    Prop.forAll (arb case) (fun (lrs, multiplier, stem, head, epoch) ->
        let options =
            { AutoLrController.defaults 0.01 with
                Stem = stem
                HeadLr = head
                GlobalMultiplier = fun t -> if t = epoch then multiplier else nan }
        let state = { AutoLrController.init options (Array.create lrs.Length "b") 0.01 with Epoch = epoch; BlockLrs = lrs }
        let used = AutoLrController.trialLearningRates options state
        let stemBefore = match stem with FollowFirstBlock f -> f * lrs[0] | FixedStem lr -> lr
        used.Blocks = (lrs |> Array.map (fun lr -> multiplier * lr))
        && used.Stem = multiplier * stemBefore
        && used.Head = multiplier * head)

[<Property(MaxTest = 500)>]
let ``the decaying threshold is max(floor, τ·factor^(t−1))`` () =
    let case = Gen.zip (Gen.zip3 (uniform 0.8 1.0) (uniform 0.9 1.0) (uniform 0.5 0.8)) (Gen.choose (1, 200))
    Prop.forAll (arb case) (fun ((tau, factor, floor), epoch) ->
        let expected = max floor (tau * System.Math.Pow(factor, float (epoch - 1)))
        close (ThresholdSchedule.threshold (Decaying (tau, factor, floor)) epoch) expected
        && ThresholdSchedule.threshold (Constant tau) epoch = tau)

[<Property(MaxTest = 500)>]
let ``an empty target range in epoch 1 accepts the trial as it is`` () =
    let case = narrowVariations |> Gen.map Array.sortDescending
    Prop.forAll (arb (case |> Gen.filter (fun v -> v[0] > v[v.Length - 1]))) (fun v ->
        let options = AutoLrController.defaults 0.01
        let state = AutoLrController.init options (Array.create v.Length "b") 0.01
        let used = AutoLrController.trialLearningRates options state
        let observation = { Epoch = 1; Trial = 1; BlockLrs = used.Blocks; Variations = v; TrainLoss = 1.0; Seconds = 1.0 }
        let outcome = AutoLrController.decide options state observation
        let decision, record, next = outcome.Decision, outcome.Record, outcome.Next
        decision = Accept && record.Accepted && record.Events = [| "empty-target-range" |]
        && record.Targets = None && record.NextLrs = None
        && next.Epoch = 2 && next.BlockLrs = state.BlockLrs)

[<Property(MaxTest = 300)>]
let ``decide refuses an observation whose LRs, epoch or trial differ from what the controller handed out`` () =
    let case = gen {
        let! k = blockCount
        let! v = Gen.arrayOfLength k variation
        let! wrongBlock = Gen.choose (0, k - 1)
        let! factor = Gen.elements [ 0.2; 0.999; 1.001; 5.0 ]
        let! mistake = Gen.choose (0, 2)
        return v, wrongBlock, factor, mistake }
    Prop.forAll (arb case) (fun (v, wrongBlock, factor, mistake) ->
        let options = AutoLrController.defaults 0.01
        let state = AutoLrController.init options (Array.create v.Length "b") 0.01
        let used = AutoLrController.trialLearningRates options state
        let good = { Epoch = 1; Trial = 1; BlockLrs = used.Blocks; Variations = v; TrainLoss = 1.0; Seconds = 1.0 }
        let bad =
            match mistake with
            | 0 -> { good with BlockLrs = used.Blocks |> Array.mapi (fun i lr -> if i = wrongBlock then lr * factor else lr) }
            | 1 -> { good with Epoch = 2 }
            | _ -> { good with Trial = 2 }
        let refused =
            try
                AutoLrController.decide options state bad |> ignore
                false
            with :? System.ArgumentException -> true
        refused && ((AutoLrController.decide options state good).Record.Trial = 1))
