module AutoLR.Properties.DivergenceProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses
open AutoLR.Properties.ControllerSimulation

let private blowUp = Gen.elements [ nan; infinity; -infinity ]

/// A state mid-run (random epoch, trial and LRs) and a diverged observation of its next trial: either some
/// variations non-finite, or only the loss.
let private case =
    gen {
        let! k = blockCount
        let! lrs = Gen.arrayOfLength k (logUniform -4.0 -2.0)
        let! epoch = Gen.choose (1, 50)
        let! trialsSoFar = Gen.choose (0, 3)
        let! v = Gen.arrayOfLength k variation
        let! blown = Gen.arrayOfLength k (Gen.frequency [ 1, Gen.constant true; 3, Gen.constant false ])
        let! bad = blowUp
        let! lossOnly = Gen.elements [ true; false ]
        let blown = if lossOnly then Array.create k false else blown
        let variations = Array.map2 (fun x b -> if b then bad else x) v blown
        let loss = if lossOnly || not (Array.exists id blown) then bad else 0.7
        return lrs, epoch, trialsSoFar, variations, loss
    }
    |> shrinking
        (fun (lrs: float[], _, _, v: float[], loss) ->
            lrs.Length >= 2 && lrs.Length = v.Length && DivergencePolicy.diverged infinity loss v)
        (fun (lrs, epoch, trialsSoFar, v, loss) ->
            seq {
                if lrs.Length > 2 then
                    for i in 0 .. lrs.Length - 1 -> Array.removeAt i lrs, epoch, trialsSoFar, Array.removeAt i v, loss
                for e in shrinkToward 1 epoch -> lrs, e, trialsSoFar, v, loss
                for t in shrinkToward 0 trialsSoFar -> lrs, epoch, t, v, loss
            })

[<Property(MaxTest = 1000)>]
let ``divergence halves the LRs of the blown-up blocks, or of all blocks when only the loss blew up`` () =
    Prop.forAll case (fun (lrs, epoch, trialsSoFar, v, loss) ->
        let options = { AutoLrController.defaults 0.01 with TrialCap = 10; DivergenceLimit = 5 }
        let state =
            { AutoLrController.init options (Array.create lrs.Length "b") 0.01 with
                Epoch = epoch
                TrialsThisEpoch = trialsSoFar
                BlockLrs = lrs }
        let used = AutoLrController.trialLearningRates options state
        let observation : TrialObservation =
            { Epoch = epoch; Trial = trialsSoFar + 1; BlockLrs = used.Blocks; Measurements = measured v; TrainLoss = loss; Seconds = 1.0 }
        let outcome = AutoLrController.decide options state observation
        let decision, record, next = outcome.Decision, outcome.Record, outcome.Next
        let finite x = not (System.Double.IsNaN x || System.Double.IsInfinity x)
        let blown = if Array.forall finite v then Array.create v.Length true else v |> Array.map (finite >> not)
        let expected = Array.map2 (fun lr b -> if b then lr / 2.0 else lr) lrs blown
        let halvedEvents = [| for i in 0 .. v.Length - 1 do if blown[i] then $"lr-halved:block{i + 1}" |]
        equals "decision" (Retry (expected, false)) decision
        .&. equals "events" (Array.append [| "divergence" |] halvedEvents) record.Events
        .&. (not record.Accepted |@ "the trace does not mark the trial accepted")
        .&. equals "next block LRs" expected next.BlockLrs .&. equals "divergences so far" 1 next.Divergences
        .&. equals "best trial kept" None next.Best)

[<Property(MaxTest = 300)>]
let ``the DivergenceLimit-th consecutive divergence of an epoch aborts, naming the epoch and the base LR`` () =
    // LrMin far below any LR these runs reach: a renewal divides an LR by at most about 1e9 (the spread of the
    // generated variations times the target floor) and a run has at most 4 × 7 trials, so LRs stay above 1e-260. Were
    // the halved LRs clamped at LrMin to repeat a trial's of the epoch, the run would rightly stop at once (repeated
    // LRs), before the limit this property is about.
    let run = gen {
        let! epochs = Gen.choose (1, 4)
        let! options = options epochs 1 1 1e-300 1.0
        let! limit = Gen.choose (1, 5)
        let! badEpoch = Gen.choose (1, epochs)
        let! k = Gen.choose (2, 8)
        let! table = variationTable epochs (limit + 2) k
        return { options with TrialCap = limit + 2; DivergenceLimit = limit }, badEpoch, k, epochs, table }
    let valid (options: ControllerOptions, badEpoch, k, epochs, table: float[][][]) =
        options.TrialCap = options.DivergenceLimit + 2 && table.Length = epochs && badEpoch <= epochs
        && table |> Array.forall (Array.forall (fun v -> v.Length = k))
    let shrink (options, badEpoch, k, epochs, table) =
        seq {
            for o in shrinkOptions 1 options -> o, badEpoch, k, epochs, table
            for t in shrinkTable table -> options, badEpoch, k, epochs, t
        }
    Prop.forAll (shrinking valid shrink run) (fun (options, badEpoch, k, epochs, table) ->
        let world epoch trial lrs =
            if epoch = badEpoch then table[epoch - 1][trial - 1], nan else arbitraryWorld table epoch trial lrs
        let steps = simulate options k 0.01 epochs world
        let last = List.last steps
        let inBadEpoch = steps |> List.filter (fun s -> s.Record.Epoch = badEpoch)
        equals "trials in the diverging epoch, the limit" options.DivergenceLimit inBadEpoch.Length
        .&. lazy (inBadEpoch |> List.take (inBadEpoch.Length - 1) |> every stepName (fun s ->
                match s.Decision with
                | Retry (_, false) -> noClaim
                | decision -> false |@ $"a retry, not kept as best, before the limit; not {show decision}"))
        .&. equals "epoch of the last trial" badEpoch last.Record.Epoch
        .&. equals "events of the last trial" [| "divergence"; "divergence-limit" |] last.Record.Events
        .&. match last.Decision with
            | Abort reason ->
                (reason.Contains $"epoch {badEpoch}" |@ $"the abort reason names epoch {badEpoch}: {reason}")
                .&. (reason.Contains "base LR" |@ $"the abort reason names the base LR: {reason}")
            | decision -> false |@ $"the run aborts, not {show decision}")

[<Property(MaxTest = 500)>]
let ``a diverged trial is never kept as the best`` () =
    let run = gen {
        let! epochs = Gen.choose (1, 4)
        let! options = options epochs 2 6 1e-9 1.0
        let! k = Gen.choose (2, 8)
        let! table = variationTable epochs options.TrialCap k
        let! blown = Gen.arrayOfLength epochs (Gen.arrayOfLength options.TrialCap (Gen.frequency [ 1, Gen.constant true; 2, Gen.constant false ]))
        return { options with DivergenceLimit = options.TrialCap + 1 }, k, epochs, table, blown }
    let valid (options: ControllerOptions, k, epochs, table: float[][][], _) =
        options.DivergenceLimit = options.TrialCap + 1 && table.Length = epochs
        && table |> Array.forall (Array.forall (fun v -> v.Length = k))
    let shrink (options, k, epochs, table, blown) =
        seq {
            for o in shrinkOptions 2 options -> o, k, epochs, table, blown
            for t in shrinkTable table -> options, k, epochs, t, blown
        }
    Prop.forAll (shrinking valid shrink run) (fun (options, k, epochs, table, blown) ->
        let world epoch trial lrs =
            let v, loss = arbitraryWorld table epoch trial lrs
            v, (if blown[epoch - 1][trial - 1] then infinity else loss)
        simulate options k 0.01 epochs world
        |> byEpoch
        |> every epochName (fun (_, steps) ->
            let keptDiverged =
                match (List.last steps).Decision with
                | AcceptBest trial -> diverged (steps |> List.find (fun s -> s.Record.Trial = trial))
                | Accept -> diverged (List.last steps)
                | Retry _ -> true
                | Abort _ -> steps |> List.exists (diverged >> not)
            let keptAsBestDiverged =
                steps |> List.exists (fun s -> diverged s && match s.Decision with Retry (_, keep) -> keep | _ -> false)
            about "the trial the epoch goes on from did not diverge (the epoch's last decision)" (List.last steps).Decision (not keptDiverged)
            .&. (not keptAsBestDiverged |@ "no diverged trial kept as best")))
