/// The response-exponent LR renewal: the secant through two trials of an epoch estimates p in v ∝ η^p, the renewal
/// then meets a target exactly when that response holds, moves the right way, and falls back to eq. 16 (p = 1)
/// whenever no secant can be trusted.
module AutoLR.Properties.ResponseExponentProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses
open AutoLR.Properties.RuleInputs

let private low, high = ResponseExponentRenewal.exponentRange

let private allCloseWithin (tolerance: float) (a: float[]) (b: float[]) =
    a.Length = b.Length && Array.forall2 (fun x y -> abs (x - y) <= tolerance * max (abs x) (abs y)) a b

/// Bounds wide enough never to clamp: the generated responses renew LRs down to about 1e-32 (target/c = 1e-6 at
/// p = 1/4 gives 1e-24, and the moving block's s^(1/p) divides that by up to 100⁴), which a bound of 1e-30 clamped.
let private unbounded (input: RuleInput) = { input with RuleInput.LrMin = 1e-300; LrMax = 1e300 }

/// A block response v = c η^p, two LRs at least 1 % apart per block, and targets: K blocks each.
let private response =
    gen {
        let! k = blockCount
        let! p = Gen.arrayOfLength k (uniform (low * 1.01) (high * 0.99))
        let! c = Gen.arrayOfLength k (logUniform -4.0 0.0)
        let! earlier = Gen.arrayOfLength k (logUniform -4.0 -1.0)
        let! ratio = Gen.arrayOfLength k (Gen.oneof [ uniform 1.01 10.0; uniform 0.1 0.99 ])
        let! targets = Gen.arrayOfLength k (logUniform -6.0 -1.0)
        return p, c, earlier, Array.map2 (*) earlier ratio, targets
    }

let private respond (p: float[]) (c: float[]) (lrs: float[]) = Array.init lrs.Length (fun k -> c[k] * lrs[k] ** p[k])

/// Trial 2 of an epoch whose trial 1 ran `earlierLrs` and measured `earlierV`.
let private secondTrial (earlierLrs: float[]) (earlierV: float[]) (lrs: float[]) (v: float[]) =
    { unbounded (trialWith 2.0 0.4 lrs v) with
        RuleInput.Trial = 2
        EarlierTrials = [| { EpochTrial.Lrs = earlierLrs; Variations = earlierV } |] }

[<Property(MaxTest = 1000)>]
let ``when v ∝ η^p holds, the renewed LR gives v = target exactly, with the p the secant estimates`` () =
    Prop.forAll (arb response) (fun (p, c, earlier, lrs, targets) ->
        let trial = secondTrial earlier (respond p c earlier) lrs (respond p c lrs)
        let renewal = ResponseExponentRenewal.renewLearningRates trial targets
        let estimated = ResponseExponentRenewal.exponents trial
        let sameExponent (e: float option) (p: float option) = e.IsSome && abs (e.Value - p.Value) <= 1e-9 * p.Value
        agrees (Array.forall2 sameExponent) "estimated exponents" (Array.map Some p) estimated
        .&. agrees (allCloseWithin 1e-8) "v at the renewed LRs" targets (respond p c renewal.Lrs)
        .&. equals "events" [] renewal.Events)

[<Property(MaxTest = 1000)>]
let ``a higher target never lowers the renewed LR`` () =
    let case = Gen.zip response (Gen.arrayOf (uniform 1.0 3.0))
    Prop.forAll (arb case) (fun ((p, c, earlier, lrs, targets), raise) ->
        let trial = secondTrial earlier (respond p c earlier) lrs (respond p c lrs)
        let higher = targets |> Array.mapi (fun i t -> if i < raise.Length then t * raise[i] else t)
        let lower, raised = (ResponseExponentRenewal.renewLearningRates trial targets).Lrs, (ResponseExponentRenewal.renewLearningRates trial higher).Lrs
        about "LRs renewed toward the targets, toward the higher targets" (lower, raised) (Array.forall2 (<=) lower raised))

[<Property(MaxTest = 1000)>]
let ``a block that moves more at the same LRs gets less LR: scaling v by s > 1 in both trials divides η' by s^(1/p)`` () =
    let case = Gen.zip response (uniform 1.01 100.0)
    Prop.forAll (arb case) (fun ((p, c, earlier, lrs, targets), s) ->
        let renewed c = (ResponseExponentRenewal.renewLearningRates (secondTrial earlier (respond p c earlier) lrs (respond p c lrs)) targets).Lrs
        let plain, moving = renewed c, renewed (c |> Array.map ((*) s))
        about "renewed LRs of the block that moves more, and of the other" (moving, plain) (Array.forall2 (<) moving plain)
        .&. agrees (allCloseWithin 1e-8) "renewed LRs of the block that moves more" (Array.map2 (fun lr p -> lr / s ** (1.0 / p)) plain p) moving)

[<Property(MaxTest = 500)>]
let ``the epoch's first renewal, with no earlier trial, is eq. 16 itself`` () =
    let case = Gen.zip3 variations (Gen.arrayOf learningRate) (Gen.arrayOf (logUniform -6.0 -1.0))
    Prop.forAll (arb case) (fun (v, lrs, targets) ->
        let k = v.Length
        let lrs = Array.init k (fun i -> if i < lrs.Length then lrs[i] else 0.01)
        let targets = Array.init k (fun i -> if i < targets.Length then targets[i] else 1e-3)
        let trial = trialWith 2.0 0.4 lrs v
        equals "renewal, against eq. 16's" (LrRenewal.renewLearningRates trial.LrMin trial.LrMax lrs targets v)
            (ResponseExponentRenewal.renewLearningRates trial targets))

/// Why no secant can be trusted for a block: the earlier trial ran the same LR, measured a v that is not positive and
/// finite, or the two points give p outside [1/4, 4].
let private untrusted = Gen.elements [ "same LR"; "zero v"; "NaN v"; "infinite v"; "p too small"; "p too large" ]

[<Property(MaxTest = 1000)>]
let ``a block without a trustworthy secant falls back to eq. 16 and says so; the others keep theirs`` () =
    let case = Gen.zip3 response untrusted (Gen.choose (0, 15))
    Prop.forAll (arb case) (fun ((p, c, earlier, lrs, targets), why, pick) ->
        let k = p.Length
        let bad = pick % k
        let v = respond p c lrs
        let earlierV = respond p c earlier
        let earlierLrs = Array.copy earlier
        match why with
        | "same LR" -> earlierLrs[bad] <- lrs[bad]
        | "zero v" -> earlierV[bad] <- 0.0
        | "NaN v" -> earlierV[bad] <- nan
        | "infinite v" -> earlierV[bad] <- infinity
        // v_b/v_a = (η_b/η_a)^p' with p' outside the range.
        | "p too small" -> earlierV[bad] <- v[bad] / (lrs[bad] / earlier[bad]) ** (low / 2.0)
        | _ -> earlierV[bad] <- v[bad] / (lrs[bad] / earlier[bad]) ** (high * 2.0)
        let trial = secondTrial earlierLrs earlierV lrs v
        let renewal = ResponseExponentRenewal.renewLearningRates trial targets
        let eq16 = LrRenewal.renewLearningRates trial.LrMin trial.LrMax lrs targets v
        equals $"{why}: LR of {blockName bad}, against eq. 16's" eq16.Lrs[bad] renewal.Lrs[bad]
        .&. equals "events" [ ExponentFallback (bad + 1) ] renewal.Events
        .&. agrees (allCloseWithin 1e-8) "v of the other blocks at their renewed LRs" (Array.removeAt bad targets)
                (respond p c renewal.Lrs |> Array.removeAt bad))

[<Property(MaxTest = 500)>]
let ``a block that did not move keeps its LR, as in eq. 16`` () =
    Prop.forAll (arb response) (fun (p, c, earlier, lrs, targets) ->
        let v = respond p c lrs
        v[0] <- 0.0
        let renewal = ResponseExponentRenewal.renewLearningRates (secondTrial earlier (respond p c earlier) lrs v) targets
        equals "LR of the block that did not move" lrs[0] renewal.Lrs[0])

[<Property(MaxTest = 500)>]
let ``the secant is taken with the most recent earlier trial that ran another LR`` () =
    let case = Gen.zip response (uniform 1.5 3.0)
    Prop.forAll (arb case) (fun ((p, c, earlier, lrs, targets), stale) ->
        // Trial 1 ran LRs `stale` times off with a response of another exponent; trial 2 followed v = c η^p.
        let first = earlier |> Array.map ((*) stale)
        let firstV = Array.init p.Length (fun k -> c[k] * first[k] ** (if p[k] < 1.0 then 2.0 else 0.5))
        let trial =
            { secondTrial earlier (respond p c earlier) lrs (respond p c lrs) with
                RuleInput.Trial = 3
                EarlierTrials =
                    [| { EpochTrial.Lrs = first; Variations = firstV }
                       { EpochTrial.Lrs = earlier; Variations = respond p c earlier } |] }
        agrees (allCloseWithin 1e-8) "v at the renewed LRs" targets (respond p c (ResponseExponentRenewal.renewLearningRates trial targets).Lrs))

[<Property(MaxTest = 300)>]
let ``chosen by name (--lr-renewal response-exponent), when v ∝ η^p the epoch's third trial meets its targets`` () =
    let case =
        gen {
            let! k = Gen.choose (2, 6)
            let! p = Gen.arrayOfLength k (uniform 0.3 3.0)
            let! c = Gen.arrayOfLength k (logUniform -3.0 -1.0)
            return p, c
        }
    Prop.forAll (arb case) (fun (p, c) ->
        let value (x: 'T) : obj = nonNull (box x)
        let options =
            SettingValues.Defaults(ControllerSettings.all @ LearningRateSettings.all @ ScheduleSettings.all)
                .With(ControllerSettings.lrRenewal, value "response-exponent")
                .With(ControllerSettings.lrMin, value 1e-30)
                .With(ControllerSettings.lrMax, value 1e30)
                .With(ControllerSettings.tau, value 1.0)
                .With(ControllerSettings.trialCap, value 3)
                .With(ControllerSettings.alpha, value 0.5)
                .With(ControllerSettings.beta, value 1.0)
                .With(LearningRateSettings.baseLr, value 0.01)
            |> ControllerSettings.options
        let layers = Array.init p.Length (fun k -> $"block{k + 1}")
        let rec trials state lines =
            if state.Epoch > 1 then List.rev lines
            else
                let used = AutoLrController.trialLearningRates options state
                let observation : TrialObservation =
                    { Epoch = 1; Trial = state.TrialsThisEpoch + 1; BlockLrs = used.Blocks
                      Measurements = measured (respond p c used.Blocks); TrainLoss = 1.0; Seconds = 1.0 }
                let outcome = AutoLrController.decide options state observation
                trials outcome.Next (outcome.Record :: lines)
        match trials (AutoLrController.init options layers 0.01) [] with
        | [ _; _; third ] -> agrees (allCloseWithin 1e-8) "the third trial's variations against its targets" third.Targets.Value third.Variations
        | lines ->
            about "an epoch shorter than the cap ends on repeated LRs (events)" (lines |> List.map _.Events)
                (lines |> List.exists (fun l -> l.Events |> Array.exists (fun e -> e.StartsWith "repeated-lrs"))))
