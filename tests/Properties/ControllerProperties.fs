module AutoLR.Properties.ControllerProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses
open AutoLR.Properties.ControllerSimulation

/// A run against a world whose variations ignore the LRs, so that retries, caps and accepts all happen: `Table` holds
/// each epoch's trials' variations (its length is the number of epochs, each trial's the number of blocks K).
type private Scenario =
    { Options: ControllerOptions
      Table: float[][][] }
    member s.Epochs = s.Table.Length
    member s.K = s.Table.[0].[0].Length

let private capLo, capHi = 1, 6

let private shrinkScenario (s: Scenario) =
    seq {
        for options in shrinkOptions capLo s.Options -> { s with Options = options }
        for table in shrinkTable s.Table -> { s with Table = table }
    }

let private scenario =
    gen {
        let! epochs = Gen.choose (1, 5)
        let! k = Gen.choose (2, 8)
        let! options = options epochs capLo capHi 1e-6 1.0
        let! table = variationTable epochs capHi k
        return { Options = options; Table = table }
    }
    |> shrinking (fun s -> s.K >= 2 && s.Epochs >= 1 && s.Options.TrialCap >= capLo) shrinkScenario

let private run (s: Scenario) = simulate s.Options s.K 0.01 s.Epochs (arbitraryWorld s.Table)

/// A scenario whose LR bounds often clamp eq. 16 at the base LR 0.01, from above or from both sides, so that renewals
/// often repeat the LRs of a trial already run in the epoch.
let private boundedScenario =
    gen {
        let! s = scenario.Generator
        let! lrMin = Gen.elements [ 1e-6; 0.01 ]
        let! lrMax = Gen.elements [ 0.01; 1.0 ]
        return { s with Options = { s.Options with LrMin = lrMin; LrMax = lrMax } }
    }
    |> shrinking (fun s -> s.K >= 2 && s.Epochs >= 1 && s.Options.TrialCap >= capLo) shrinkScenario

/// The trial an epoch goes on from, as decide named it.
let private kept (steps: Step list) : Step =
    let keptTrial = (List.last steps).KeptTrial.Value
    steps |> List.find (fun s -> s.Record.Trial = keptTrial)

[<Property(MaxTest = 500)>]
let ``the controller never runs more trials in an epoch than the cap, and ends every epoch by keeping a trial`` () =
    Prop.forAll scenario (fun s ->
        let epochs = byEpoch (run s)
        equals "number of epochs run" s.Epochs epochs.Length
        .&. (epochs |> every epochName (fun (_, steps) ->
            (steps.Length <= s.Options.TrialCap |@ $"{steps.Length} trials, at most the cap {s.Options.TrialCap}")
            .&. equals "trial numbers" [ 1 .. steps.Length ] (steps |> List.map (fun step -> step.Record.Trial))
            .&. match (List.last steps).Decision with
                | Accept | AcceptBest _ -> noClaim
                | decision -> false |@ $"the epoch ends by keeping a trial, not with {show decision}")))

[<Property(MaxTest = 500)>]
let ``an accepted trial has SQ above the threshold unless the cap was reached or the target range was empty`` () =
    Prop.forAll scenario (fun s ->
        run s
        |> every stepName (fun step ->
            match step.Decision with
            | Accept ->
                (step.Record.Accepted |@ "the trace marks the trial accepted")
                .&. about $"SQ {step.Record.SortingQuality} above the threshold {step.Record.Threshold}, or an event that allows accepting below it"
                        step.Record.Events
                        (step.Record.SortingQuality > step.Record.Threshold
                         || hasEvent "trial-cap-reached" step
                         || hasEvent "empty-target-range" step
                         || step.Record.Events |> Array.exists (fun e -> e.StartsWith "repeated-lrs:trial"))
            | _ -> noClaim))

[<Property(MaxTest = 500)>]
let ``at the cap the kept trial is the epoch's highest SQ, the earliest on ties`` () =
    Prop.forAll scenario (fun s ->
        byEpoch (run s)
        |> every epochName (fun (_, steps) ->
            let last = List.last steps
            if not (hasEvent "trial-cap-reached" last) then noClaim
            else
                let qualities = steps |> List.map (fun st -> st.Record.SortingQuality)
                let best = List.max qualities
                let earliest = (List.findIndex ((=) best) qualities) + 1
                equals "trials run at the cap" s.Options.TrialCap steps.Length
                .&. lazy (equals $"kept trial, the earliest with the highest SQ of {show qualities}" earliest (kept steps).Record.Trial)
                .&. (match last.Decision with
                     | AcceptBest trial ->
                         equals "trial decide accepted as best" earliest trial
                         .&. (trial < last.Record.Trial |@ $"the best trial {trial} is an earlier one than the last {last.Record.Trial}")
                         .&. about $"an accepted-best:trial{trial} event" last.Record.Events
                                 (Array.contains $"accepted-best:trial{trial}" last.Record.Events)
                     | Accept -> equals "the accepted last trial, the earliest best" earliest last.Record.Trial
                     | decision -> false |@ $"the epoch ends by keeping a trial, not with {show decision}")))

[<Property(MaxTest = 500)>]
let ``accepted LRs carry into the next epoch, under the next epoch's multiplier`` () =
    Prop.forAll scenario (fun s ->
        byEpoch (run s)
        |> List.pairwise
        |> every (fun (_, (epoch, _)) -> $"epoch {epoch - 1} into epoch {epoch}") (fun ((_, steps), (epoch, next)) ->
            let carried = (kept steps).Before.BlockLrs
            let first = List.head next
            equals "block LRs the next epoch starts from, the kept trial's" carried first.Before.BlockLrs
            .&. equals $"block LRs its first trial is handed, under the multiplier {s.Options.GlobalMultiplier epoch}"
                    (carried |> Array.map (fun lr -> s.Options.GlobalMultiplier epoch * lr)) first.Observation.BlockLrs))

[<Property(MaxTest = 500)>]
let ``the trace holds exactly the values that were observed, with eq. 9 and the threshold in force`` () =
    Prop.forAll scenario (fun s ->
        run s
        |> every stepName (fun step ->
            let r = step.Record
            equals "epoch" step.Observation.Epoch r.Epoch .&. equals "trial" step.Observation.Trial r.Trial
            .&. equals "LRs" step.Observation.BlockLrs r.Lrs
            .&. equals "variations" (WeightVariation.variations s.Options.Normalisation step.Observation.Measurements) r.Variations
            .&. equals "stem LR" step.Used.Stem r.StemLr .&. equals "head LR" step.Used.Head r.HeadLr
            .&. equals "train loss" step.Observation.TrainLoss r.TrainLoss .&. equals "seconds" step.Observation.Seconds r.Seconds
            .&. equals "sorting quality (eq. 9)" (SortingQuality.sortingQuality r.Variations) r.SortingQuality
            .&. equals "threshold" (ThresholdSchedule.threshold s.Options.Threshold r.Epoch) r.Threshold))

[<Property(MaxTest = 500)>]
let ``the LRs a trial records as next are the ones the next trial is handed`` () =
    Prop.forAll scenario (fun s ->
        run s
        |> every stepName (fun step ->
            match step.Decision, step.Record.NextLrs with
            | Retry (lrs, _), Some next -> equals "next LRs recorded" lrs next .&. equals "LRs handed to the next trial" lrs step.After.BlockLrs
            | AcceptBest _, Some next -> equals "next LRs recorded, the best trial's" step.After.BlockLrs next
            | Accept, None -> equals "LRs carried on" step.Before.BlockLrs step.After.BlockLrs
            | decision, next -> false |@ $"next LRs recorded exactly when another trial follows: {show decision} with {show next}"))

/// Rules that mark what they return, to see which one decide asked: the initial-target rule returns 1e-3·k, the
/// renewal rule 2e-3·k with a d-fallback event, the LR rule 1.5 × η with an lr-clamped:block1 event.
let private markedRules : AutoLrRules =
    { AutoLrRules.paper with
        InitialTargets = fun trial -> Ok (Array.init trial.Variations.Length (fun i -> 1e-3 * float (i + 1)))
        RenewTargets = fun trial -> { Targets = Array.init trial.Variations.Length (fun i -> 2e-3 * float (i + 1)); Step = 1.0; Events = [ StepFallback ] }
        RenewLearningRates = fun trial _ -> { Lrs = trial.Lrs |> Array.map (fun lr -> 1.5 * lr); Events = [ LrClamped 1 ] } }

[<Property(MaxTest = 500)>]
let ``a failed trial takes its targets from the initial-target rule in epoch 1 and the renewal rule later, and its LRs from the LR rule`` () =
    Prop.forAll scenario (fun s ->
        let marked = { s with Options = { s.Options with Rules = markedRules } }
        byEpoch (run marked)
        |> every epochName (fun (epoch, steps) ->
            steps
            |> List.indexed
            |> every (snd >> stepName) (fun (i, step) ->
                match step.Decision with
                | Retry (lrs, _) ->
                    let firstFailure = steps |> List.take i |> List.forall (fun earlier -> earlier.Record.Targets.IsNone)
                    let expectedTargets = Array.init s.K (fun b -> (if epoch = 1 then 1e-3 else 2e-3) * float (b + 1))
                    let targetEvents = if epoch > 1 && firstFailure then [| "d-fallback" |] else [||]
                    equals "targets, from the marked target rule" (Some expectedTargets) step.Record.Targets
                    .&. equals "LRs, from the marked LR rule" (step.Before.BlockLrs |> Array.map (fun lr -> 1.5 * lr)) lrs
                    .&. equals "events" (Array.append targetEvents [| "lr-clamped:block1" |]) step.Record.Events
                | _ -> noClaim)))

[<Property(MaxTest = 500)>]
let ``a retry moves each block's LR toward its target: down where v is above it, up where below, within the bounds`` () =
    Prop.forAll scenario (fun s ->
        run s
        |> every stepName (fun step ->
            match step.Decision, step.Record.Targets with
            | Retry (lrs, _), Some targets ->
                let v = step.Record.Variations
                let before = step.Before.BlockLrs
                [ 0 .. v.Length - 1 ]
                |> every blockName (fun i ->
                    let seen = v[i], targets[i], before[i], lrs[i]
                    about $"LR within [{s.Options.LrMin}, {s.Options.LrMax}] (v, target, LR before, LR after)" seen
                        (s.Options.LrMin <= lrs[i] && lrs[i] <= s.Options.LrMax)
                    .&. about "LR not raised where v is above its target (v, target, LR before, LR after)" seen
                            (v[i] <= targets[i] || lrs[i] <= before[i])
                    .&. about "LR not lowered where v is below its target (v, target, LR before, LR after)" seen
                            (v[i] >= targets[i] || lrs[i] >= before[i])
                    .&. about "LR kept where v is on its target (v, target, LR before, LR after)" seen
                            (v[i] <> targets[i] || lrs[i] = before[i]))
            | _ -> noClaim))

[<Property(MaxTest = 500)>]
let ``decide names the kept trial exactly when the epoch ends`` () =
    Prop.forAll scenario (fun s ->
        run s
        |> every stepName (fun step ->
            match step.Decision with
            | Accept -> equals "kept trial of an accept" (Some step.Record.Trial) step.KeptTrial
            | AcceptBest trial -> equals "kept trial of an accept-best" (Some trial) step.KeptTrial
            | Retry _ | Abort _ -> equals "kept trial of a retry or abort" None step.KeptTrial))

[<Property(MaxTest = 500)>]
let ``targets stay fixed for the rest of the epoch once set`` () =
    Prop.forAll scenario (fun s ->
        byEpoch (run s)
        |> every epochName (fun (_, steps) ->
            let targets = steps |> List.map (fun st -> st.Record.Targets) |> List.skipWhile Option.isNone
            match targets with
            | [] -> noClaim
            | first :: rest -> about "every later trial's targets equal the first targets set" targets (rest |> List.forall ((=) first))))

[<Property(MaxTest = 500)>]
let ``keep-as-best marks exactly the retried trials with a new highest SQ of the epoch`` () =
    Prop.forAll scenario (fun s ->
        byEpoch (run s)
        |> every epochName (fun (_, steps) ->
            steps
            |> List.indexed
            |> every (snd >> stepName) (fun (i, step) ->
                match step.Decision with
                | Retry (_, keepAsBest) ->
                    let earlier = steps |> List.take i |> List.map (fun st -> st.Record.SortingQuality)
                    about $"keep-as-best ({keepAsBest}) exactly when SQ {step.Record.SortingQuality} is above every earlier SQ" earlier
                        (keepAsBest = List.forall (fun q -> step.Record.SortingQuality > q) earlier)
                | _ -> noClaim)))

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
    let shrink (lrs, multiplier, stem, head, epoch) =
        seq {
            for l in shrinkEach lrs -> l, multiplier, stem, head, epoch
            for m in shrinkWithin 0.01 2.0 1.0 multiplier -> lrs, m, stem, head, epoch
            for h in shrinkPositive head -> lrs, multiplier, stem, h, epoch
            for e in shrinkToward 1 epoch -> lrs, multiplier, stem, head, e
        }
    Prop.forAll (shrinking (fun (lrs: float[], _, _, _, _) -> lrs.Length >= 2) shrink case) (fun (lrs, multiplier, stem, head, epoch) ->
        let options =
            { AutoLrController.defaults 0.01 with
                Stem = stem
                HeadLr = head
                GlobalMultiplier = fun t -> if t = epoch then multiplier else nan }
        let state = { AutoLrController.init options (Array.create lrs.Length "b") 0.01 with Epoch = epoch; BlockLrs = lrs }
        let used = AutoLrController.trialLearningRates options state
        let stemBefore = match stem with FollowFirstBlock f -> f * lrs[0] | FixedStem lr -> lr
        equals "block LRs" (lrs |> Array.map (fun lr -> multiplier * lr)) used.Blocks
        .&. equals "stem LR" (multiplier * stemBefore) used.Stem
        .&. equals "head LR" (multiplier * head) used.Head)

[<Property(MaxTest = 500)>]
let ``the decaying threshold is max(floor, τ·factor^(t−1))`` () =
    let case = Gen.zip (Gen.zip3 (uniform 0.8 1.0) (uniform 0.9 1.0) (uniform 0.5 0.8)) (Gen.choose (1, 200))
    let shrink =
        shrinkPair (shrinkTriple (shrinkWithin 0.8 1.0 0.9) (shrinkWithin 0.9 1.0 0.99) (shrinkWithin 0.5 0.8 0.8)) (shrinkToward 1)
    Prop.forAll (shrinking (fun ((tau, _, floor), _) -> floor <= tau) shrink case) (fun ((tau, factor, floor), epoch) ->
        let expected = max floor (tau * System.Math.Pow(factor, float (epoch - 1)))
        near "decaying threshold" expected (ThresholdSchedule.threshold (Decaying (tau, factor, floor)) epoch)
        .&. equals "constant threshold" tau (ThresholdSchedule.threshold (Constant tau) epoch))

[<Property(MaxTest = 500)>]
let ``an empty target range in epoch 1 accepts the trial as it is`` () =
    let case = narrowVariations |> Gen.map Array.sortDescending
    // Under the defaults (α 2, β 0.4) the range is empty when max v ≤ 5 · min v.
    let emptyAndDescending (v: float[]) =
        v.Length >= 2 && Array.forall (fun x -> x > 0.0) v && v[0] > v[v.Length - 1] && isNonDecreasing (Array.rev v)
        && 0.4 * Array.max v <= 2.0 * Array.min v
    Prop.forAll (shrinking emptyAndDescending shrinkVariations case) (fun v ->
        let options = AutoLrController.defaults 0.01
        let state = AutoLrController.init options (Array.create v.Length "b") 0.01
        let used = AutoLrController.trialLearningRates options state
        let observation : TrialObservation =
            { Epoch = 1; Trial = 1; BlockLrs = used.Blocks; Measurements = measured v; TrainLoss = 1.0; Seconds = 1.0 }
        let outcome = AutoLrController.decide options state observation
        let decision, record, next = outcome.Decision, outcome.Record, outcome.Next
        equals "decision" Accept decision .&. (record.Accepted |@ "the trace marks the trial accepted")
        .&. equals "events" [| "empty-target-range" |] record.Events
        .&. equals "targets" None record.Targets .&. equals "next LRs" None record.NextLrs
        .&. equals "next epoch" 2 next.Epoch .&. equals "block LRs carried on" state.BlockLrs next.BlockLrs)

[<Property(MaxTest = 300)>]
let ``decide refuses an observation whose LRs, epoch or trial differ from what the controller handed out`` () =
    let case = gen {
        let! k = blockCount
        let! v = Gen.arrayOfLength k variation
        let! wrongBlock = Gen.choose (0, k - 1)
        let! factor = Gen.elements [ 0.2; 0.999; 1.001; 5.0 ]
        let! mistake = Gen.choose (0, 2)
        return v, wrongBlock, factor, mistake }
    let shrink (v, wrongBlock, factor, mistake) =
        seq {
            for w in shrinkVariations v -> w, wrongBlock, factor, mistake
            for b in shrinkToward 0 wrongBlock -> v, b, factor, mistake
            for m in shrinkToward 0 mistake -> v, wrongBlock, factor, m
        }
    Prop.forAll (shrinking (fun (v: float[], wrongBlock, _, _) -> v.Length >= 2 && wrongBlock < v.Length) shrink case)
        (fun (v, wrongBlock, factor, mistake) ->
        let options = AutoLrController.defaults 0.01
        let state = AutoLrController.init options (Array.create v.Length "b") 0.01
        let used = AutoLrController.trialLearningRates options state
        let good : TrialObservation =
            { Epoch = 1; Trial = 1; BlockLrs = used.Blocks; Measurements = measured v; TrainLoss = 1.0; Seconds = 1.0 }
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
        (refused |@ $"decide refuses the mistaken observation (mistake {mistake}: 0 a block LR, 1 the epoch, 2 the trial)")
        .&. equals "trial of the correct observation" 1 (AutoLrController.decide options state good).Record.Trial)

/// The epoch's trials' block LRs before the global multiplier, trial 1 first.
let private lrsRun (steps: Step list) = steps |> List.map (fun st -> st.Before.BlockLrs)

[<Property(MaxTest = 500)>]
let ``a retry never hands out LRs already run in this epoch, and the state holds the LRs run`` () =
    Prop.forAll boundedScenario (fun s ->
        byEpoch (run s)
        |> every epochName (fun (_, steps) ->
            let ran = lrsRun steps
            steps
            |> List.indexed
            |> every (snd >> stepName) (fun (i, step) ->
                match step.Decision with
                | Retry (lrs, _) ->
                    about "the retry's LRs are none already run this epoch (retry LRs, LRs run)" (lrs, List.take (i + 1) ran)
                        (not (List.contains lrs (List.take (i + 1) ran)))
                    .&. equals "LRs run this epoch, in the state" (Array.ofList (List.take (i + 1) ran))
                            (step.After.EpochTrials |> Array.map _.Lrs)
                | _ -> noClaim)))

[<Property(MaxTest = 500)>]
let ``when the renewal repeats a trial's LRs the epoch ends at once with its best trial and the event`` () =
    Prop.forAll boundedScenario (fun s ->
        byEpoch (run s)
        |> every epochName (fun (_, steps) ->
            steps
            |> List.indexed
            |> every (snd >> stepName) (fun (i, step) ->
                let r = step.Record
                let repeatedEvents = r.Events |> Array.filter (fun e -> e.StartsWith "repeated-lrs:trial")
                let renewed =
                    match r.Targets with
                    | Some targets when not (r.SortingQuality > r.Threshold) && r.Trial < s.Options.TrialCap ->
                        Some (LrRenewal.renewLearningRates s.Options.LrMin s.Options.LrMax step.Before.BlockLrs targets r.Variations).Lrs
                    | _ -> None
                let ran = lrsRun (List.take (i + 1) steps)
                match renewed |> Option.bind (fun lrs -> List.tryFindIndex ((=) lrs) ran) with
                | Some repeated ->
                    let qualities = steps |> List.map (fun st -> st.Record.SortingQuality)
                    let earliest = List.findIndex ((=) (List.max qualities)) qualities + 1
                    (i = steps.Length - 1 |@ $"the epoch ends at trial {r.Trial}, which repeats trial {repeated + 1}'s LRs")
                    .&. equals "repeated-LRs events" [| $"repeated-lrs:trial{repeated + 1}" |] repeatedEvents
                    .&. lazy (equals $"kept trial, the earliest with the highest SQ of {show qualities}" earliest (kept steps).Record.Trial)
                    .&. match step.Decision with
                        | Accept -> equals "the accepted trial, the earliest best" earliest r.Trial .&. (r.Accepted |@ "the trace marks the trial accepted")
                        | AcceptBest trial ->
                            equals "trial decide accepted as best" earliest trial
                            .&. lazy (equals "last event" $"accepted-best:trial{trial}" (Array.last r.Events))
                        | decision -> false |@ $"the epoch ends by keeping a trial, not with {show decision}"
                | None -> equals "repeated-LRs events, as no renewal repeats a trial's LRs" [||] repeatedEvents)))
